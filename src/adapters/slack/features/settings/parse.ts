import { lines } from '../../../forms/index.js';
import type { FormState } from '../../form-state.js';
import { Field } from '../../ids.js';
import { MAX_VOCABULARY_BOXES, vocabularyBlock } from './modals.js';

/** A vocabulary's items from all of its boxes (a long list spans several). */
const vocabulary = (state: FormState, field: string) =>
  Array.from({ length: MAX_VOCABULARY_BOXES }, (_, i) =>
    lines(state.text(vocabularyBlock(field, i))),
  ).flat();

/**
 * The admin settings form (docs/product.md#workspace-settings) in the core's input shape, as
 * typed: the core reads the numbers and durations and names every problem at once.
 */
export function settingsOf(state: FormState) {
  const features = state.selectedMany(Field.features);
  return {
    menteeRequests: features.includes('menteeRequests'),
    mentorRequests: features.includes('mentorRequests'),
    selfServeMentors: features.includes('selfServeMentors'),
    reminderOffsetsMinutes: state.text(Field.reminderOffsets),
    minSessionMinutes: state.text(Field.minSessionMinutes),
    defaultSeatLimit: state.text(Field.defaultSeatLimit),
    requestExpiryDays: state.text(Field.requestExpiryDays),
    defaultMeetingPlatform: state.selected(Field.defaultMeetingPlatform),
    defaultTimeZone: state.text(Field.defaultTimeZone),
    vocabularies: {
      recommendedFor: vocabulary(state, Field.vocabRecommendedFor),
      categories: vocabulary(state, Field.vocabCategories),
      medium: vocabulary(state, Field.vocabMedium),
    },
  };
}
