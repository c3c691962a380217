import { type DomainError, validation } from '../../../core/errors.js';
import { Field } from '../ids.js';
import { commaList, type FormState, lines } from './state.js';

/** A whole number typed in a text box, or the field error saying so. */
function wholeNumber(text: string, field: string, label: string): number | DomainError {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return validation({ [field]: `${label} must be a whole number.` });
  return Number(trimmed);
}

/**
 * The admin settings form (docs/product.md#workspace-settings) in the core's input shape; the
 * core checks every range.
 */
export function settingsOf(state: FormState) {
  const features = state.selectedMany(Field.Features);
  const numbers = {
    minSessionMinutes: wholeNumber(
      state.text(Field.MinSessionMinutes),
      Field.MinSessionMinutes,
      'The minimum length',
    ),
    defaultSeatLimit: wholeNumber(
      state.text(Field.DefaultSeatLimit),
      Field.DefaultSeatLimit,
      'The seat limit',
    ),
    requestExpiryDays: wholeNumber(
      state.text(Field.RequestExpiryDays),
      Field.RequestExpiryDays,
      'The expiry',
    ),
  };
  const offsets = commaList(state.text(Field.ReminderOffsets)).map((o) =>
    wholeNumber(o, Field.ReminderOffsets, 'Each reminder'),
  );
  const bad = [...Object.values(numbers), ...offsets].find((n) => typeof n !== 'number');
  if (bad !== undefined) return bad as DomainError;
  return {
    menteeRequests: features.includes('menteeRequests'),
    mentorRequests: features.includes('mentorRequests'),
    selfServeMentors: features.includes('selfServeMentors'),
    reminderOffsetsMinutes: offsets as number[],
    ...(numbers as Record<keyof typeof numbers, number>),
    defaultMeetingPlatform: state.selected(Field.DefaultMeetingPlatform),
    vocabularies: {
      recommendedFor: lines(state.text(Field.VocabRecommendedFor)),
      categories: lines(state.text(Field.VocabCategories)),
      medium: lines(state.text(Field.VocabMedium)),
    },
  };
}
