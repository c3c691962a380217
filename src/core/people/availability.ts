import { z } from 'zod';
import { isLocalTime } from '../time.js';
import type { WeeklySlot } from './person.js';

export const MAX_WEEKLY_SLOTS = 30;

/** "14:30" -> 870: minutes after local midnight. */
export const minutesOfDay = (time: string) => {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
};

/** 870 -> "14:30". */
export const timeOfMinutes = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];
export const weekdayName = (weekday: number) => WEEKDAY_NAMES[weekday - 1] ?? `day ${weekday}`;

const localTime = (which: string) =>
  z
    .string({ error: `Give the ${which} time as HH:mm, like 14:00.` })
    .trim()
    .refine(isLocalTime, { error: `Give the ${which} time as HH:mm, like 14:00.` });

export const weeklySlotSchema = z
  .object({
    weekday: z
      .number({ error: 'Pick a day of the week.' })
      .int({ error: 'Pick a day of the week.' })
      .min(1, { error: 'Pick a day of the week (Monday to Sunday).' })
      .max(7, { error: 'Pick a day of the week (Monday to Sunday).' }),
    start: localTime('start'),
    end: localTime('end'),
  })
  .refine((slot) => minutesOfDay(slot.end) > minutesOfDay(slot.start), {
    error: 'The end time must be after the start time.',
    path: ['end'],
  });

/**
 * Weekly availability in the mentor's own zone (docs/product.md#mentor-profile): at most 30
 * windows, none overlapping another on the same day (touching is fine: 14:00-15:00 then
 * 15:00-16:00).
 */
export const availabilitySchema = z
  .array(weeklySlotSchema, { error: 'Give your availability as a list of weekly times.' })
  .max(MAX_WEEKLY_SLOTS, { error: `Add at most ${MAX_WEEKLY_SLOTS} weekly times.` })
  .default([])
  .superRefine((slots, ctx) => {
    slots.forEach((slot, i) => {
      const clash = slots.findIndex(
        (other, j) =>
          j < i &&
          other.weekday === slot.weekday &&
          minutesOfDay(other.start) < minutesOfDay(slot.end) &&
          minutesOfDay(slot.start) < minutesOfDay(other.end),
      );
      const other = slots[clash];
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: `${weekdayName(slot.weekday)} ${slot.start}-${slot.end} overlaps ${other.start}-${other.end}.`,
        });
      }
    });
  })
  .transform((slots): WeeklySlot[] =>
    [...slots].sort(
      (a, b) => a.weekday - b.weekday || minutesOfDay(a.start) - minutesOfDay(b.start),
    ),
  );
