import type { MentorProfile } from '../../../core/people/person.js';
import type { SessionForm } from '../../../core/sessions/index.js';
import { VOCABULARY_NAMES, type WorkspaceConfig } from '../../../core/workspaces/workspace.js';

/**
 * Between a dialog's inputs (strings, by input id) and the core's inputs: parsing only.
 * Every rule stays in the core; what comes back as field errors is placed next to the input
 * it belongs to, and anything else on top of the form.
 */

export type Values = Record<string, string>;

/** The string inputs of a submitted form, without Teams' and our own routing fields. */
export function valuesOf(data: unknown): Values {
  const values: Values = {};
  if (typeof data !== 'object' || data === null) return values;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'msteams' || key === 'verb') continue;
    if (typeof value === 'string')
      values[key] = value.length > 10_000 ? value.slice(0, 10_000) : value;
  }
  return values;
}

/** "a, b,,c" -> ["a", "b", "c"] (also one per line). */
export const listOf = (s: string | undefined) =>
  (s ?? '')
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

const moment = (v: Values, which: 'start' | 'end') => ({
  date: v[`${which}Date`]?.trim() ?? '',
  time: v[`${which}Time`]?.trim() ?? '',
});

export function meetingOf(v: Values): Record<string, string> {
  const meeting: Record<string, string> = { platform: v.meetingPlatform || 'bigbluebutton' };
  for (const [key, id] of [
    ['url', 'meetingUrl'],
    ['meetingId', 'meetingId'],
    ['passcode', 'passcode'],
  ]) {
    const value = optional(v[id as string]);
    if (value) meeting[key as string] = value;
  }
  return meeting;
}

/** The create or edit form as the session use cases take it. */
export function sessionInputOf(v: Values, mode: 'create' | 'edit') {
  const tags = Object.fromEntries(
    VOCABULARY_NAMES.map((name) => [
      name,
      { selected: listOf(v[name]), other: listOf(v[`${name}Other`]) },
    ]),
  );
  const imageUrl = v.imageUrl?.trim() ?? '';
  return {
    title: v.title ?? '',
    description: v.description ?? '',
    ...(mode === 'edit' || imageUrl ? { imageUrl } : {}),
    ...(v.type ? { type: v.type } : {}),
    start: moment(v, 'start'),
    end: moment(v, 'end'),
    ...(optional(v.seatLimit) ? { seatLimit: optional(v.seatLimit) } : {}),
    ...tags,
    menteeIds: listOf(v.menteeIds),
  };
}

/** A stored session as the edit form's values, times in the reader's zone. */
export function sessionValuesOf(form: SessionForm): Values {
  const values: Values = {
    title: form.title,
    description: form.description,
    imageUrl: form.imageUrl,
    type: form.type,
    startDate: form.start.date,
    startTime: form.start.time,
    endDate: form.end.date,
    endTime: form.end.time,
    seatLimit: String(form.seatLimit),
    menteeIds: form.menteeIds.join(','),
  };
  for (const name of VOCABULARY_NAMES) {
    values[name] = form[name].selected.join(',');
    values[`${name}Other`] = form[name].other.join(', ');
  }
  return values;
}

/** Core field (path prefix) -> input id, longest prefix first. */
export type Slots = readonly (readonly [string, string])[];

export const SESSION_SLOTS: Slots = [
  ['title', 'title'],
  ['description', 'description'],
  ['imageUrl', 'imageUrl'],
  ['type', 'type'],
  ['start', 'startTime'],
  ['end', 'endTime'],
  ['seatLimit', 'seatLimit'],
  ...VOCABULARY_NAMES.flatMap((name) => [
    [`${name}.other`, `${name}Other`] as const,
    [name, name] as const,
  ]),
  ['menteeIds', 'menteeIds'],
  ['meeting.url', 'meetingUrl'],
  ['meeting.meetingId', 'meetingId'],
  ['meeting.passcode', 'passcode'],
  ['meeting', 'meetingPlatform'],
];

export const MEETING_SLOTS: Slots = [
  ['meeting.url', 'meetingUrl'],
  ['meeting.meetingId', 'meetingId'],
  ['meeting.passcode', 'passcode'],
  ['meeting', 'meetingPlatform'],
];

export const CLONE_SLOTS: Slots = [
  ['start', 'startTime'],
  ['end', 'endTime'],
];

export const REQUEST_SLOTS: Slots = [
  ['mentorId', 'mentorId'],
  ['message', 'message'],
];

export const OFFER_SLOTS: Slots = [['message', 'message']];

export const MENTEE_PROFILE_SLOTS: Slots = [['interests', 'interests']];

export const MENTOR_PROFILE_SLOTS: Slots = [
  ['headline', 'headline'],
  ['bio', 'bio'],
  ['expertise', 'expertise'],
  ['availability', 'availability'],
  ['meetingPlatform', 'meetingPlatform'],
  ['meetingUrl', 'meetingUrl'],
];

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

/** Field errors placed on their inputs; the rest become the sentence on top of the form. */
export function placeErrors(
  fields: Readonly<Record<string, string>>,
  slots: Slots,
  message?: string,
): { errors: Record<string, string>; banner?: string } {
  const errors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const slot = [...slots]
      .filter(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (slot) errors[slot[1]] ??= text;
    else unplaced.push(text);
  }
  if (Object.keys(fields).length === 0 && message) unplaced.push(message);
  return unplaced.length > 0 ? { errors, banner: unplaced.join(' ') } : { errors };
}

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

/** Whole numbers typed in a form; anything else is answered next to the input. */
export function wholeNumber(s: string | undefined): number | undefined {
  const t = s?.trim() ?? '';
  return /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

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
  const offsets = listOf(v.reminderOffsetsMinutes).map((t) => wholeNumber(t));
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
      recommendedFor: listOf(v.recommendedFor),
      categories: listOf(v.categories),
      medium: listOf(v.medium),
    },
  };
  return Object.keys(errors).length > 0 ? { errors } : { input };
}
