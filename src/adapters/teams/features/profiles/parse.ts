import type { Slots } from '../../form-input.js';

/** Between the profile dialogs' inputs and the profile use cases: parsing only. */

export const MENTEE_PROFILE_SLOTS: Slots = [['interests', 'interests']];

export const MENTOR_PROFILE_SLOTS: Slots = [
  ['headline', 'headline'],
  ['bio', 'bio'],
  ['expertise', 'expertise'],
  ['availability', 'availability'],
  ['meetingPlatform', 'meetingPlatform'],
  ['meetingUrl', 'meetingUrl'],
  ['slotMinutes', 'slotMinutes'],
];
