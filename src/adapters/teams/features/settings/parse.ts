import { durationText } from '../../../../core/words.js';
import type { WorkspaceConfig } from '../../../../core/workspaces/workspace.js';
import { commaList } from '../../../forms/index.js';
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
  ['defaultTimeZone', 'defaultTimeZone'],
];

export function settingsValuesOf(config: WorkspaceConfig): Values {
  return {
    menteeRequests: String(config.menteeRequests),
    mentorRequests: String(config.mentorRequests),
    selfServeMentors: String(config.selfServeMentors),
    reminderOffsetsMinutes: config.reminderOffsetsMinutes.map(durationText).join(', '),
    minSessionMinutes: String(config.minSessionMinutes),
    defaultSeatLimit: String(config.defaultSeatLimit),
    defaultMeetingPlatform: config.defaultMeetingPlatform,
    requestExpiryDays: String(config.requestExpiryDays),
    recommendedFor: config.vocabularies.recommendedFor.join(', '),
    categories: config.vocabularies.categories.join(', '),
    medium: config.vocabularies.medium.join(', '),
    defaultTimeZone: config.defaultTimeZone,
  };
}

/**
 * The settings form as `updateWorkspaceSettings` takes it, as typed: the core reads the
 * numbers and durations and names every problem at once.
 */
export function settingsInputOf(
  v: Values,
): { input: unknown } | { errors: Record<string, string> } {
  const input = {
    menteeRequests: v.menteeRequests === 'true',
    mentorRequests: v.mentorRequests === 'true',
    selfServeMentors: v.selfServeMentors === 'true',
    reminderOffsetsMinutes: v.reminderOffsetsMinutes ?? '',
    minSessionMinutes: v.minSessionMinutes ?? '',
    defaultSeatLimit: v.defaultSeatLimit ?? '',
    defaultMeetingPlatform: v.defaultMeetingPlatform ?? '',
    requestExpiryDays: v.requestExpiryDays ?? '',
    vocabularies: {
      recommendedFor: commaList(v.recommendedFor),
      categories: commaList(v.categories),
      medium: commaList(v.medium),
    },
    defaultTimeZone: v.defaultTimeZone ?? '',
  };
  return { input };
}
