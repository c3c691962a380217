import { z } from 'zod';
import { offsetSchema, type PageTurn, pageStart } from '../paging.js';
import {
  addLocalDays,
  dayHeading,
  isDefaultZone,
  localDateOf,
  shortDay,
  type Zoned,
  zoneOf,
} from '../time.js';
import { plural } from '../words.js';
import { BOOKING_WINDOW_DAYS } from './free-slots.js';
import { type Slot, type SlotView, slotView } from './slots.js';

/**
 * docs/product.md#booking: a mentor's free times, a page at a time. A page is a week (seven of
 * the viewer's days from today) with a heading per day that has free times, and *Next week* /
 * *Previous week* reach the rest of the booking window: no time is cut off. A mentor whose
 * weeks are too full for one page on either platform (Slack's 100 blocks, Teams' 28 KB) is
 * paged a day at a time instead. The adapters draw the page; what is on it is decided here.
 */

export type FreeTimesUnit = 'week' | 'day';

/**
 * Most free times one week's page holds. A week with more (say 15-minute slots all day) is
 * paged by day: a day holds at most 96. Chosen so a full page stays inside both platforms'
 * limits with the rest of the profile (test/unit/free-times-limits.test.ts).
 */
export const WEEK_PAGE_MAX_SLOTS = 120;

/** Which page to show: its number from today's (0), in the unit its button was drawn with. */
export const freeTimesPageSchema = z.object({
  page: offsetSchema,
  unit: z.enum(['week', 'day']).optional().catch(undefined),
});
/** What an adapter sends back from a paging button (checked by the schema). */
export interface FreeTimesPageInput {
  readonly page?: unknown;
  readonly unit?: unknown;
}

/** One day of a page: its heading and its free times, in the viewer's zone. */
export interface FreeDay {
  /** The viewer's calendar date, yyyy-MM-dd. */
  readonly date: string;
  /** "Tuesday 1 December". */
  readonly heading: string;
  readonly slots: readonly SlotView[];
}

/** A paging button: its words and where it leads. */
export interface FreeTimesTurn extends PageTurn {
  readonly unit: FreeTimesUnit;
}

export interface FreeTimesView {
  /** The viewer's zone, which every time on the page is in. */
  readonly timeZone: string;
  /** It is the workspace's default zone: the viewer's own is not known yet. */
  readonly zoneIsDefault?: true;
  /** The mentor's slot length. */
  readonly slotMinutes: number;
  readonly unit: FreeTimesUnit;
  /** This page's number (0: the one starting today) and how many pages the window has. */
  readonly page: number;
  readonly pages: number;
  /** "Tue 1 Dec to Mon 7 Dec", or "Tuesday 1 December" for a day's page. */
  readonly range: string;
  /** The days of this page that have free times, in order. */
  readonly days: readonly FreeDay[];
  /** Free times on this page, and in the whole window (the next 14 days). */
  readonly count: number;
  readonly total: number;
  readonly windowDays: number;
  /** "3 free times, Tue 1 Dec to Mon 7 Dec · 9 in the next 14 days". */
  readonly summary: string;
  readonly previous?: FreeTimesTurn;
  readonly next?: FreeTimesTurn;
}

const DAYS_OF: Record<FreeTimesUnit, number> = { week: 7, day: 1 };

/** A page number drawn in one unit, in the other: day 9 is in week 1, week 1 starts on day 7. */
function pageIn(unit: FreeTimesUnit, page: number, drawnIn: FreeTimesUnit | undefined): number {
  if (!drawnIn || drawnIn === unit) return page;
  return unit === 'week' ? Math.floor(page / 7) : page * 7;
}

/**
 * The page of `free` (the mentor's free slots in the booking window, in time order) that
 * `viewerZone`'s viewer asked for. A page number past the window's end (the window moved on,
 * times were booked) shows its last page.
 */
export function freeTimesPage(args: {
  readonly free: readonly Slot[];
  readonly now: Date;
  /** The viewer (or their zone): whose days the pages are made of. */
  readonly viewerZone: Zoned;
  readonly slotMinutes: number;
  readonly request?: { readonly page?: number; readonly unit?: FreeTimesUnit | undefined };
  readonly windowDays?: number;
}): FreeTimesView {
  const { free, viewerZone: viewer, slotMinutes } = args;
  const zone = zoneOf(viewer);
  const windowDays = args.windowDays ?? BOOKING_WINDOW_DAYS;
  const today = localDateOf(args.now, zone);
  const byDate = new Map<string, Slot[]>();
  for (const slot of free) {
    const date = localDateOf(slot.startsAt, zone);
    const list = byDate.get(date);
    if (list) list.push(slot);
    else byDate.set(date, [slot]);
  }
  const dates = Array.from({ length: windowDays }, (_, i) => addLocalDays(today, i));
  const countOn = (from: number, n: number) =>
    dates.slice(from, from + n).reduce((sum, d) => sum + (byDate.get(d)?.length ?? 0), 0);
  let fullestWeek = 0;
  for (let from = 0; from < windowDays; from += 7)
    fullestWeek = Math.max(fullestWeek, countOn(from, 7));
  const unit: FreeTimesUnit = fullestWeek <= WEEK_PAGE_MAX_SLOTS ? 'week' : 'day';
  const size = DAYS_OF[unit];
  const pages = Math.ceil(windowDays / size);
  const page = pageStart(pageIn(unit, args.request?.page ?? 0, args.request?.unit), 1, pages);
  const shown = dates.slice(page * size, page * size + size);
  const days = shown
    .filter((date) => byDate.has(date))
    .map((date) => ({
      date,
      heading: dayHeading(date),
      slots: (byDate.get(date) ?? []).map((slot) => slotView(slot, viewer)),
    }));
  const first = shown[0] ?? today;
  const last = shown.at(-1) ?? today;
  const range = unit === 'week' ? `${shortDay(first)} to ${shortDay(last)}` : dayHeading(first);
  const count = countOn(page * size, size);
  const total = free.length;
  const words = unit === 'week' ? 'week' : 'day';
  return {
    timeZone: zone,
    ...(isDefaultZone(viewer) ? { zoneIsDefault: true as const } : {}),
    slotMinutes,
    unit,
    page,
    pages,
    range,
    days,
    count,
    total,
    windowDays,
    summary: `${plural(count, 'free time')}, ${range} · ${total} in the next ${plural(windowDays, 'day')}`,
    ...(page > 0 ? { previous: { label: `‹ Previous ${words}`, offset: page - 1, unit } } : {}),
    ...(page < pages - 1 ? { next: { label: `Next ${words} ›`, offset: page + 1, unit } } : {}),
  };
}
