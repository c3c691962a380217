import { type DomainError, validation } from '../../../../core/errors.js';
import { commaList, lines, wholeNumber } from '../../../forms/index.js';
import type { FormState } from '../../form-state.js';
import { Field } from '../../ids.js';

/** A whole number typed in a text box, or the field error saying so. */
function wholeNumberIn(text: string, field: string, label: string): number | DomainError {
  return wholeNumber(text) ?? validation({ [field]: `${label} must be a whole number.` });
}

/** The admin settings form (docs/product.md#workspace-settings) in the core's input shape; the core checks every range. */
export function settingsOf(state: FormState) {
  const features = state.selectedMany(Field.features);
  const number = (field: string, label: string) => wholeNumberIn(state.text(field), field, label);
  const numbers = {
    minSessionMinutes: number(Field.minSessionMinutes, 'The minimum length'),
    defaultSeatLimit: number(Field.defaultSeatLimit, 'The seat limit'),
    requestExpiryDays: number(Field.requestExpiryDays, 'The expiry'),
  };
  const offsets = commaList(state.text(Field.reminderOffsets)).map((o) =>
    wholeNumberIn(o, Field.reminderOffsets, 'Each reminder'),
  );
  const bad = [...Object.values(numbers), ...offsets].find((n) => typeof n !== 'number');
  if (bad !== undefined) return bad as DomainError;
  return {
    menteeRequests: features.includes('menteeRequests'),
    mentorRequests: features.includes('mentorRequests'),
    selfServeMentors: features.includes('selfServeMentors'),
    reminderOffsetsMinutes: offsets as number[],
    ...(numbers as Record<keyof typeof numbers, number>),
    defaultMeetingPlatform: state.selected(Field.defaultMeetingPlatform),
    vocabularies: {
      recommendedFor: lines(state.text(Field.vocabRecommendedFor)),
      categories: lines(state.text(Field.vocabCategories)),
      medium: lines(state.text(Field.vocabMedium)),
    },
  };
}
