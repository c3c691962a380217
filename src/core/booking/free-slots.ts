import type { Person } from '../people/person.js';
import type { Session } from '../sessions/session.js';
import { addLocalDays, localDateOf, startOfLocalDay } from '../time.js';
import type { CoreDeps } from '../usecase.js';
import type { Workspace } from '../workspaces/workspace.js';
import { availabilitySlots, overlaps, type Slot, slotMinutesOf } from './slots.js';

/** How far ahead a mentor can be booked: today and the 13 days after it, in whole days. */
export const BOOKING_WINDOW_DAYS = 14;

export interface SlotSearch {
  readonly mentor: Person;
  readonly workspace: Workspace;
  readonly now: Date;
  /** Whole days of the window, today included. Default BOOKING_WINDOW_DAYS. */
  readonly days?: number;
  /**
   * The zone whose calendar days the window is made of: the viewer's (a mentee reads "the
   * next 14 days" as their own days). Default the mentor's.
   */
  readonly viewerZone?: string;
}

/**
 * The booking window (docs/product.md#booking): from now to the end of the last of its whole
 * days in the viewer's zone, so every page of free times is a whole day or week.
 */
export function bookingWindow(search: SlotSearch): { from: Date; until: Date; today: string } {
  const zone = search.viewerZone ?? search.mentor.timeZone;
  const today = localDateOf(search.now, zone);
  const until = startOfLocalDay(addLocalDays(today, search.days ?? BOOKING_WINDOW_DAYS), zone);
  return { from: search.now, until, today };
}

/**
 * Every slot of the mentor's availability in the booking window, free or not: each weekly
 * window cut into the mentor's slot length (docs/product.md#booking).
 */
export function offeredSlots(search: SlotSearch): Slot[] {
  const profile = search.mentor.mentorProfile;
  const { from, until } = bookingWindow(search);
  // A slot starting at the window's end belongs to the day after it.
  const last = new Date(until.getTime() - 1);
  return availabilitySlots(
    profile?.availability ?? [],
    search.mentor.timeZone,
    slotMinutesOf(profile),
    from,
    last,
  );
}

/** What already holds the mentor's time in the window: booked slots and their sessions. */
export async function takenTime(
  deps: CoreDeps,
  search: SlotSearch,
): Promise<{ bookedStarts: Set<number>; sessions: Session[] }> {
  const { mentor, workspace, now } = search;
  const { until } = bookingWindow(search);
  const [booked, sessions] = await Promise.all([
    deps.bookings.bookedStarts(mentor.id, now, until),
    deps.sessions.find({
      workspaceId: workspace.id,
      mentorId: mentor.id,
      statuses: ['published', 'live'],
      // Exactly the sessions that overlap the window.
      endsAfter: now,
      startsBefore: until,
      limit: 1000,
      sort: 'startsAsc',
    }),
  ]);
  return { bookedStarts: new Set(booked.map((d) => d.getTime())), sessions };
}

export const isTaken = (slot: Slot, taken: Awaited<ReturnType<typeof takenTime>>) =>
  taken.bookedStarts.has(slot.startsAt.getTime()) ||
  taken.sessions.some((session) => overlaps(slot, session));

/**
 * docs/product.md#booking: the mentor's free slots in the booking window: availability minus
 * the past, minus booked slots, minus the time of the mentor's published or live sessions.
 */
export async function freeSlots(deps: CoreDeps, search: SlotSearch): Promise<Slot[]> {
  const offered = offeredSlots(search);
  if (offered.length === 0) return [];
  const taken = await takenTime(deps, search);
  return offered.filter((slot) => !isTaken(slot, taken));
}
