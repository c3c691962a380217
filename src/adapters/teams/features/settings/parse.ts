import type { WorkspaceConfig } from '../../../../core/workspaces/workspace.js';
import { commaList, wholeNumber } from '../../../forms/index.js';
import type { Slots, Values } from '../../form-input.js';

/** Between the settings dialog's inputs and the settings use cases: parsing only. */

export const SETTINGS_SLOTS: Slots = [
  ['reminderOffsetsMinutes', 'reminderOffsetsMinutes'],
  ['minSessionMinutes', 'minSessionMinutes'],
  ['defaultSeatLimit', 'defaultSeatLimit'],
  ['defaultMeetingPlatform', 'defaultMeetingPlatform'],
  ['requestExpiryDays', 'requestExpiryDays'],
  ['vocabularies.recommendedFor', 'recommendedFor'],
  ['vocabularies.categories', 'categories'],
  ['vocabularies.medium', 'medium'],
];

export function settingsValuesOf(config: WorkspaceConfig): Values {
  return {
    menteeRequests: String(config.menteeRequests),
    mentorRequests: String(config.mentorRequests),
    selfServeMentors: String(config.selfServeMentors),
    reminderOffsetsMinutes: config.reminderOffsetsMinutes.join(', '),
    minSessionMinutes: String(config.minSessionMinutes),
    defaultSeatLimit: String(config.defaultSeatLimit),
    defaultMeetingPlatform: config.defaultMeetingPlatform,
    requestExpiryDays: String(config.requestExpiryDays),
    recommendedFor: config.vocabularies.recommendedFor.join(', '),
    categories: config.vocabularies.categories.join(', '),
    medium: config.vocabularies.medium.join(', '),
  };
}

/** The settings form as `updateWorkspaceSettings` takes it, or the inputs that are not numbers. */
export function settingsInputOf(
  v: Values,
): { input: unknown } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (id: string) => {
    const n = wholeNumber(v[id]);
    if (n === undefined) errors[id] = 'Enter a whole number.';
    return n ?? 0;
  };
  const offsets = commaList(v.reminderOffsetsMinutes).map((t) => wholeNumber(t));
  if (offsets.some((n) => n === undefined)) {
    errors.reminderOffsetsMinutes = 'Give whole minutes, comma-separated, like 1440, 15.';
  }
  const input = {
    menteeRequests: v.menteeRequests === 'true',
    mentorRequests: v.mentorRequests === 'true',
    selfServeMentors: v.selfServeMentors === 'true',
    reminderOffsetsMinutes: offsets.filter((n): n is number => n !== undefined),
    minSessionMinutes: num('minSessionMinutes'),
    defaultSeatLimit: num('defaultSeatLimit'),
    defaultMeetingPlatform: v.defaultMeetingPlatform ?? '',
    requestExpiryDays: num('requestExpiryDays'),
    vocabularies: {
      recommendedFor: commaList(v.recommendedFor),
      categories: commaList(v.categories),
      medium: commaList(v.medium),
    },
  };
  return Object.keys(errors).length > 0 ? { errors } : { input };
}
