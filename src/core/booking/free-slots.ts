import type { Person } from '../people/person.js';
import type { Session } from '../sessions/session.js';
import type { CoreDeps } from '../usecase.js';
import type { Workspace } from '../workspaces/workspace.js';
import { availabilitySlots, overlaps, type Slot, type SlotView, slotView } from './slots.js';

export const BOOKING_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SlotSearch {
  readonly mentor: Person;
  readonly workspace: Workspace;
  readonly now: Date;
  readonly days?: number;
}

/** Every slot of the mentor's availability in the booking window, free or not. */
export function offeredSlots({
  mentor,
  workspace,
  now,
  days = BOOKING_WINDOW_DAYS,
}: SlotSearch): Slot[] {
  const availability = mentor.mentorProfile?.availability ?? [];
  return availabilitySlots(
    availability,
    mentor.timeZone,
    workspace.config.minSessionMinutes,
    now,
    new Date(now.getTime() + days * DAY_MS),
  );
}

/** What already holds the mentor's time in the window: booked slots and their sessions. */
export async function takenTime(
  deps: CoreDeps,
  search: SlotSearch,
): Promise<{ bookedStarts: Set<number>; sessions: Session[] }> {
  const { mentor, workspace, now, days = BOOKING_WINDOW_DAYS } = search;
  const until = new Date(now.getTime() + days * DAY_MS);
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
 * docs/product.md#booking: the mentor's free slots for the next `days` days: availability minus
 * the past, minus booked slots, minus the time of the mentor's published or live sessions.
 */
export async function freeSlots(deps: CoreDeps, search: SlotSearch): Promise<Slot[]> {
  const offered = offeredSlots(search);
  if (offered.length === 0) return [];
  const taken = await takenTime(deps, search);
  return offered.filter((slot) => !isTaken(slot, taken));
}

/** The free slots as a viewer in `viewerZone` sees them. */
export async function bookableSlots(
  deps: CoreDeps,
  search: SlotSearch & { viewerZone: string },
): Promise<SlotView[]> {
  return (await freeSlots(deps, search)).map((slot) => slotView(slot, search.viewerZone));
}
