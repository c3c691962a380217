import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/**
 * All time-zone arithmetic of the product. Times are stored in UTC; people see them in their
 * own IANA zone; a mentor's weekly availability is wall-clock time in the mentor's zone, so
 * daylight-saving changes never shift it.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Where a person's zone comes from (docs/product.md#time): their platform (Slack's `users.info`,
 * Teams' `localTimezone`), their own choice (*Set my time zone*), or, while neither is known,
 * the workspace's default zone.
 */
export type TimeZoneSource = 'platform' | 'person' | 'workspace';

/** Whose clock a time is shown on: a zone's name, or a person's zone and where it comes from. */
export type Zoned =
  | string
  | { readonly timeZone: string; readonly timeZoneFrom?: TimeZoneSource | undefined };

export const zoneOf = (zoned: Zoned): string =>
  typeof zoned === 'string' ? zoned : zoned.timeZone;

/** The zone is only the workspace's default: the person's own is not known yet. */
export const isDefaultZone = (zoned: Zoned): boolean =>
  typeof zoned !== 'string' && zoned.timeZoneFrom === 'workspace';

/** What every view model carries for a moment: the instant, and the zone to show it in. */
export interface TimeView {
  readonly utc: string;
  readonly timeZone: string;
  /** The zone is the workspace's default, not the reader's own: it is labelled so. */
  readonly zoneIsDefault?: true;
}

export function timeView(at: Date, zoned: Zoned): TimeView {
  return {
    utc: at.toISOString(),
    timeZone: zoneOf(zoned),
    ...(isDefaultZone(zoned) ? { zoneIsDefault: true as const } : {}),
  };
}

/** The words that mark a time shown in the workspace's default zone. */
export const DEFAULT_ZONE_MARK = 'workspace default';

/** "Europe/London", or "Europe/London, workspace default" where it is not the reader's own. */
export const zoneLabel = (view: Pick<TimeView, 'timeZone' | 'zoneIsDefault'>) =>
  view.zoneIsDefault ? `${view.timeZone}, ${DEFAULT_ZONE_MARK}` : view.timeZone;

/** Zones already checked: building an Intl formatter per check is costly on hot paths. */
const checkedZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  const known = checkedZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (checkedZones.size < 10_000) checkedZones.set(zone, valid);
  return valid;
}

/** e.g. "Tue 14 Mar 2027, 14:00 (Europe/Berlin)": the zone is always named. */
export function formatTime(view: TimeView): string {
  return `${formatInTimeZone(new Date(view.utc), view.timeZone, 'EEE d MMM yyyy, HH:mm')} (${zoneLabel(view)})`;
}

/** A range on one day shows the date once: "Tue 14 Mar 2027, 14:00-15:00 (Europe/Berlin)". */
export function formatRange(start: TimeView, end: TimeView): string {
  const zone = start.timeZone;
  const s = new Date(start.utc);
  const e = new Date(end.utc);
  const sameDay =
    formatInTimeZone(s, zone, 'yyyy-MM-dd') === formatInTimeZone(e, zone, 'yyyy-MM-dd');
  const endText = sameDay
    ? formatInTimeZone(e, zone, 'HH:mm')
    : formatInTimeZone(e, zone, 'EEE d MMM yyyy, HH:mm');
  return `${formatInTimeZone(s, zone, 'EEE d MMM yyyy, HH:mm')}-${endText} (${zoneLabel(start)})`;
}

/** "14:00": the clock time of a moment in its view's zone (a slot's start under its day). */
export const clockOf = (view: TimeView) =>
  formatInTimeZone(new Date(view.utc), view.timeZone, 'HH:mm');

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date: `Date.parse` alone accepts 2027-02-30 (as March 2). */
export const isLocalDate = (s: string) =>
  LOCAL_DATE.test(s) &&
  !Number.isNaN(Date.parse(s)) &&
  new Date(s).toISOString().slice(0, 10) === s;
export const isLocalTime = (s: string) => LOCAL_TIME.test(s);

/**
 * The UTC instant of a wall-clock time in a zone, or undefined when that wall-clock time
 * does not exist there (it falls in a spring-forward gap). In the autumn-back overlap the
 * earlier of the two instants is used.
 */
export function zonedToUtc(localDate: string, localTime: string, zone: string): Date | undefined {
  if (!isLocalDate(localDate) || !isLocalTime(localTime)) return undefined;
  const instant = fromZonedTime(`${localDate}T${localTime}:00`, zone);
  if (Number.isNaN(instant.getTime())) return undefined;
  const roundTrip = formatInTimeZone(instant, zone, "yyyy-MM-dd'T'HH:mm");
  if (roundTrip !== `${localDate}T${localTime}`) return undefined;
  // In an overlap the same wall time maps to two instants; prefer the earlier one.
  const hourEarlier = new Date(instant.getTime() - 60 * 60 * 1000);
  if (formatInTimeZone(hourEarlier, zone, "yyyy-MM-dd'T'HH:mm") === roundTrip) return hourEarlier;
  return instant;
}

export function localDateOf(at: Date, zone: string): string {
  return formatInTimeZone(at, zone, 'yyyy-MM-dd');
}

export function localTimeOf(at: Date, zone: string): string {
  return formatInTimeZone(at, zone, 'HH:mm');
}

/**
 * The first instant of a calendar date in a zone (its local midnight; where midnight falls in
 * a spring-forward gap, the first instant after it).
 */
export function startOfLocalDay(localDate: string, zone: string): Date {
  return fromZonedTime(`${localDate}T00:00:00`, zone);
}

/** "Tuesday 1 December": a calendar date as a heading (the same in every zone). */
export const dayHeading = (localDate: string) =>
  formatInTimeZone(new Date(`${localDate}T12:00:00Z`), 'UTC', 'EEEE d MMMM');

/** "Tue 1 Dec": a calendar date, short. */
export const shortDay = (localDate: string) =>
  formatInTimeZone(new Date(`${localDate}T12:00:00Z`), 'UTC', 'EEE d MMM');

export function addLocalDays(localDate: string, days: number): string {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const minutes = (n: number) => n * 60 * 1000;
