import type { SessionFormValues } from '../../../../core/sessions/form.js';
import { VOCABULARY_NAMES } from '../../../../core/workspaces/workspace.js';
import { commaList } from '../../../forms/index.js';
import type { Slots, Values } from '../../form-input.js';

/** Between the session dialogs' inputs and the session use cases: parsing only. */

/** Meeting fields of the core and the inputs that carry them. */
const MEETING_INPUTS = [
  ['url', 'meetingUrl'],
  ['meetingId', 'meetingId'],
  ['passcode', 'passcode'],
] as const;

const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

const moment = (v: Values, which: 'start' | 'end') => ({
  date: v[`${which}Date`]?.trim() ?? '',
  time: v[`${which}Time`]?.trim() ?? '',
});

/**
 * The meeting inputs as the core takes a meeting (its fields by their core names); none when
 * no platform was chosen, so the core decides (publishing: the session's or the default
 * platform; a meeting edit: "choose a platform").
 */
export function meetingOf(v: Values): Record<string, string> | undefined {
  if (!v.meetingPlatform?.trim()) return undefined;
  const meeting: Record<string, string> = { platform: v.meetingPlatform.trim() };
  for (const [key, id] of MEETING_INPUTS) {
    const value = optional(v[id]);
    if (value) meeting[key] = value;
  }
  return meeting;
}

/** The create or edit form as the session use cases take it. */
export function sessionInputOf(v: Values, mode: 'create' | 'edit') {
  const tags = Object.fromEntries(
    VOCABULARY_NAMES.map((name) => [
      name,
      { selected: commaList(v[name]), other: commaList(v[`${name}Other`]) },
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
    menteeIds: commaList(v.menteeIds),
    ...(v.mentorIds !== undefined ? { mentorIds: commaList(v.mentorIds) } : {}),
  };
}

/** The core's form values as the dialog's inputs, times in the reader's zone. */
export function sessionValuesOf(form: SessionFormValues): Values {
  const values: Values = {
    title: form.title,
    description: form.description,
    imageUrl: form.imageUrl,
    type: form.type,
    ...(form.start ? { startDate: form.start.date, startTime: form.start.time } : {}),
    ...(form.end ? { endDate: form.end.date, endTime: form.end.time } : {}),
    seatLimit: String(form.seatLimit),
    menteeIds: form.menteeIds.join(','),
    mentorIds: form.mentorIds.join(','),
  };
  for (const name of VOCABULARY_NAMES) {
    values[name] = form[name].selected.join(',');
    values[`${name}Other`] = form[name].other.join(', ');
  }
  return values;
}

export const MEETING_SLOTS: Slots = [
  ...MEETING_INPUTS.map(([key, id]) => [`meeting.${key}`, id] as const),
  ['meeting', 'meetingPlatform'],
];

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
  ['mentorIds', 'mentorIds'],
  ...MEETING_SLOTS,
];

export const CLONE_SLOTS: Slots = [
  ['start', 'startTime'],
  ['end', 'endTime'],
];
