import { addLocalDays, localDateOf, localTimeOf, minutes, zonedToUtc } from '../time.js';
import { durationText } from '../words.js';
import type { MomentInput } from './fields.js';

/**
 * Turns a form's start/end into instants and checks them (docs/product.md#session-fields,
 * #time). Wall-clock input is read in the actor's own zone, so "10:00" means 10:00 where they
 * are, on either side of a daylight-saving change.
 */

export type FieldErrors = Record<string, string>;

/** The instant a moment names, or a sentence saying why it names none. */
export function instantOf(moment: MomentInput, zone: string): Date | string {
  if (typeof moment === 'string') return new Date(moment);
  const at = zonedToUtc(moment.date, moment.time, zone);
  return (
    at ??
    `${moment.date} ${moment.time} does not exist in ${zone}: the clocks skip that hour. Pick another time.`
  );
}

export interface TimeRules {
  readonly now: Date;
  readonly minSessionMinutes: number;
  readonly zone: string;
}

/**
 * Start and end as instants, or the field errors: start in the past, end not after start,
 * shorter than the workspace's minimum length.
 */
/**
 * The horizon of a session's times, the same for every workspace (docs/product.md and the
 * README list them for admins): a date years away or a session days long is a typo, and
 * would park reminder jobs for years.
 */
export const MAX_START_AHEAD_YEARS = 2;
export const MAX_SESSION_HOURS = 12;
const MAX_START_AHEAD_DAYS = MAX_START_AHEAD_YEARS * 365 + 1;
const days = (n: number) => n * 24 * 60 * 60 * 1000;

export function resolveTimes(
  start: MomentInput,
  end: MomentInput,
  rules: TimeRules,
): { startsAt: Date; endsAt: Date } | FieldErrors {
  const startsAt = instantOf(start, rules.zone);
  const endsAt = instantOf(end, rules.zone);
  const errors: FieldErrors = {};
  if (typeof startsAt === 'string') errors.start = startsAt;
  if (typeof endsAt === 'string') errors.end = endsAt;
  if (typeof startsAt === 'string' || typeof endsAt === 'string') return errors;
  return checkTimes(startsAt, endsAt, rules) ?? { startsAt, endsAt };
}

export function checkTimes(
  startsAt: Date,
  endsAt: Date,
  rules: Pick<TimeRules, 'now' | 'minSessionMinutes'>,
): FieldErrors | undefined {
  if (startsAt <= rules.now) {
    return { start: 'The start is in the past. Pick a later time.' };
  }
  if (startsAt.getTime() - rules.now.getTime() > days(MAX_START_AHEAD_DAYS)) {
    return { start: `A session can start at most ${MAX_START_AHEAD_YEARS} years from now.` };
  }
  if (endsAt <= startsAt) return { end: 'The end must be after the start.' };
  if (endsAt.getTime() - startsAt.getTime() > minutes(MAX_SESSION_HOURS * 60)) {
    return { end: `A session can last at most ${MAX_SESSION_HOURS} hours.` };
  }
  if (endsAt.getTime() - startsAt.getTime() < minutes(rules.minSessionMinutes)) {
    return { end: `A session must last at least ${durationText(rules.minSessionMinutes)}.` };
  }
  return undefined;
}

export const isFieldErrors = (value: object): value is FieldErrors => !('startsAt' in value);

/** A stored instant as the wall-clock date and time a form in `zone` shows. */
export const localMomentOf = (at: Date, zone: string) => ({
  date: localDateOf(at, zone),
  time: localTimeOf(at, zone),
});

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * *Book the next one* (docs/product.md#clone): the first weekly repeat of the session, at the same
 * wall-clock times in `zone`, that starts after `now`: a week after the original when that
 * is still ahead (the usual case, right after it ended), later weeks for an old session.
 */
export function nextWeekly(
  startsAt: Date,
  endsAt: Date,
  zone: string,
  now: Date,
): { start: { date: string; time: string }; end: { date: string; time: string } } {
  const weeks = Math.max(1, Math.floor((now.getTime() - startsAt.getTime()) / WEEK_MS) + 1);
  const shift = (at: Date) => ({
    date: addLocalDays(localDateOf(at, zone), 7 * weeks),
    time: localTimeOf(at, zone),
  });
  return { start: shift(startsAt), end: shift(endsAt) };
}
