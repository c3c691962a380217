import { minutesOfDay, timeOfMinutes } from '../people/availability.js';
import type { MentorProfile, WeeklySlot } from '../people/person.js';
import {
  addLocalDays,
  localDateOf,
  minutes,
  type TimeView,
  timeView,
  type Zoned,
  zonedToUtc,
} from '../time.js';

/** The slot lengths a mentor chooses from (docs/product.md#booking), in minutes. */
export const SLOT_LENGTHS: readonly number[] = [15, 30, 45, 60, 90];
export const DEFAULT_SLOT_MINUTES = 30;

/** The length of a mentor's bookable slots: their setting, or 30 minutes. */
export const slotMinutesOf = (profile: Pick<MentorProfile, 'slotMinutes'> | undefined): number =>
  profile?.slotMinutes && SLOT_LENGTHS.includes(profile.slotMinutes)
    ? profile.slotMinutes
    : DEFAULT_SLOT_MINUTES;

/** One bookable piece of a mentor's availability, as UTC instants. */
export interface Slot {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** A slot as the viewer sees it; `startsAt` (ISO UTC) is what *Book* sends back. */
export interface SlotView {
  readonly startsAt: string;
  readonly start: TimeView;
  readonly end: TimeView;
}

export const slotView = (slot: Slot, viewer: Zoned): SlotView => ({
  startsAt: slot.startsAt.toISOString(),
  start: timeView(slot.startsAt, viewer),
  end: timeView(slot.endsAt, viewer),
});

/** ISO weekday of a calendar date; a date's weekday is the same in every zone. */
const weekdayOfLocalDate = (localDate: string) => {
  const day = new Date(`${localDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

/**
 * The slots of a weekly availability whose start lies after `from` and no later than
 * `until`. Each weekly window (wall-clock time in the mentor's `zone`) is cut into pieces of
 * `lengthMinutes`; each piece starts at the same wall-clock time every week, whatever the
 * daylight-saving state, so its UTC instant moves when the zone's offset does. A start that
 * does not exist on a day (a spring-forward gap) gives no slot that day. A slot lasts
 * `lengthMinutes` of real time.
 */
export function availabilitySlots(
  availability: readonly WeeklySlot[],
  zone: string,
  lengthMinutes: number,
  from: Date,
  until: Date,
): Slot[] {
  if (lengthMinutes <= 0) return [];
  const slots: Slot[] = [];
  const lastDate = localDateOf(until, zone);
  for (let date = localDateOf(from, zone); date <= lastDate; date = addLocalDays(date, 1)) {
    const weekday = weekdayOfLocalDate(date);
    for (const window of availability) {
      if (window.weekday !== weekday) continue;
      const end = minutesOfDay(window.end);
      for (
        let start = minutesOfDay(window.start);
        start + lengthMinutes <= end;
        start += lengthMinutes
      ) {
        const startsAt = zonedToUtc(date, timeOfMinutes(start), zone);
        if (!startsAt || startsAt <= from || startsAt > until) continue;
        slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + minutes(lengthMinutes)) });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export const overlaps = (a: Slot, b: Slot) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
