import type { MentorProfile } from '../../../../core/people/person.js';
import { listOf, type Slots } from '../../form-input.js';

/** Between the profile dialogs' inputs and the profile use cases: parsing only. */

export const MENTEE_PROFILE_SLOTS: Slots = [['interests', 'interests']];

export const MENTOR_PROFILE_SLOTS: Slots = [
  ['headline', 'headline'],
  ['bio', 'bio'],
  ['expertise', 'expertise'],
  ['availability', 'availability'],
  ['meetingPlatform', 'meetingPlatform'],
  ['meetingUrl', 'meetingUrl'],
];

// Mentor availability: "Tue 14:00-16:00", one per line or comma-separated.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SLOT_LINE = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i;
const pad = (t: string) => (t.length === 4 ? `0${t}` : t);

export function availabilityOf(
  s: string | undefined,
): { slots: { weekday: number; start: string; end: string }[] } | { error: string } {
  const slots = [];
  for (const line of listOf(s)) {
    const m = SLOT_LINE.exec(line);
    const weekday = m ? DAYS.indexOf((m[1] ?? '').toLowerCase()) + 1 : 0;
    if (!m || weekday === 0) {
      return {
        error: `Write each time as a day and hours, like "Tue 14:00-16:00" (not "${line}").`,
      };
    }
    slots.push({ weekday, start: pad(m[2] ?? ''), end: pad(m[3] ?? '') });
  }
  return { slots };
}

export const availabilityText = (profile: MentorProfile | undefined) =>
  (profile?.availability ?? [])
    .map(
      (slot) =>
        `${(DAYS[slot.weekday - 1] ?? 'mon').replace(/^./, (c) => c.toUpperCase())} ${slot.start}-${slot.end}`,
    )
    .join('\n');
