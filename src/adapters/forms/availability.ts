import { weekdayName } from '../../core/people/availability.js';
import { lines } from './lists.js';

export interface WeeklySlot {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** "Tue 14:00-16:00", "tuesday 9:00 – 10:30", "Tue. 14:00-16:00". */
const SLOT = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i;
const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

/**
 * A mentor's weekly availability as typed: one time per line (or several on a line, comma
 * separated), like "Tue 14:00-16:00". Only the shape is read here; the core checks the
 * times, overlaps and count. A line that is not a time answers with the sentence to show.
 */
export function availabilityOf(
  text: string | undefined,
): { slots: WeeklySlot[] } | { error: string } {
  const slots: WeeklySlot[] = [];
  for (const [i, line] of lines(text).entries()) {
    for (const entry of line
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const match = SLOT.exec(entry);
      const weekday = match ? DAYS.indexOf((match[1] ?? '').toLowerCase()) + 1 : 0;
      if (!match || weekday === 0) {
        return { error: `Line ${i + 1} ("${entry.slice(0, 40)}"): write it like Tue 14:00-16:00.` };
      }
      slots.push({ weekday, start: pad(match[2] ?? ''), end: pad(match[3] ?? '') });
    }
  }
  return { slots };
}

/** Saved availability as the form shows it again, one "Tue 14:00-16:00" per line. */
export const availabilityText = (slots: readonly WeeklySlot[]) => slots.map(slotText).join('\n');

export const slotText = (slot: WeeklySlot) =>
  `${weekdayName(slot.weekday).slice(0, 3)} ${slot.start}-${slot.end}`;
