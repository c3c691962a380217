import { z } from 'zod';
import { DomainError, ErrorCode, fail, ok, type Result, validation } from '../errors.js';
import { needsMeetingUrl, zoomMeetingIdOf } from '../people/meeting-url.js';
import { isMentor, type Person } from '../people/person.js';
import { acceptPendingOffer } from '../requests/pair.js';
import { sessionCard } from '../sessions/card.js';
import { openRoom, platformProblem } from '../sessions/meeting.js';
import type { MeetingInfo, Session } from '../sessions/session.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { SessionCard } from '../views.js';
import type { Workspace } from '../workspaces/workspace.js';
import { isTaken, offeredSlots, takenTime } from './free-slots.js';

const schema = z.object({
  mentorId: z.string({ error: 'Pick a mentor.' }).trim().min(1, { error: 'Pick a mentor.' }),
  startsAt: z.iso.datetime({ offset: true, error: 'Pick one of the free slots.' }),
});

export const slotJustBooked = () =>
  new DomainError(
    ErrorCode.SlotTaken,
    'That slot was just booked by someone else. Please pick another one.',
  );

const MAX_TITLE = 120;

/**
 * "Mentoring: Ada & Grace", shortened to fit the title limit (docs/product.md#session-fields).
 */
function bookedTitle(mentor: Person, mentee: Person): string {
  const title = `Mentoring: ${mentor.displayName} & ${mentee.displayName}`;
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1)}…`;
}

/** The mentor's standing meeting room, or the workspace default when they set none. */
function meetingOf(mentor: Person, workspace: Workspace): MeetingInfo {
  const profile = mentor.mentorProfile;
  if (profile?.meetingUrl) {
    const meetingId =
      profile.meetingPlatform === 'zoom' ? zoomMeetingIdOf(profile.meetingUrl) : undefined;
    return {
      platform: profile.meetingPlatform,
      url: profile.meetingUrl,
      ...(meetingId ? { meetingId } : {}),
    };
  }
  if (profile?.meetingPlatform === 'bigbluebutton') return { platform: 'bigbluebutton' };
  // A default that needs a link cannot be used without one; BigBlueButton needs none
  // (docs/product.md#meeting-link).
  const fallback = workspace.config.defaultMeetingPlatform;
  return { platform: needsMeetingUrl(fallback) ? 'bigbluebutton' : fallback };
}

/**
 * docs/product.md#booking: a mentee books a free slot of a mentor's availability. The slot is
 * claimed first (a unique index: of two mentees booking the same slot at once exactly one
 * wins), then a private session with the mentee invited is created and published, all in the
 * command's one transaction. A pending "I want to mentor you!" from this mentor is accepted by
 * it.
 */
export function bookSlot(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ session: SessionCard; acceptedOfferId?: string }>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now, effects }) => {
    if (input.mentorId === actor.id) {
      return fail(validation({ mentorId: 'You cannot book a session with yourself.' }));
    }
    const mentor = await deps.people.get(input.mentorId);
    if (!mentor || mentor.workspaceId !== workspace.id || !isMentor(mentor)) {
      return fail(
        validation({ mentorId: 'We could not find that mentor. Pick one from the list.' }),
      );
    }
    // The window of the days the mentee was shown: theirs.
    const search = { mentor, workspace, now, viewerZone: actor.timeZone };
    const wanted = new Date(input.startsAt).getTime();
    const slot = offeredSlots(search).find((s) => s.startsAt.getTime() === wanted);
    if (!slot) {
      return fail(
        new DomainError(
          ErrorCode.SlotTaken,
          `That time is not one of ${mentor.displayName}'s free slots any more. Please pick another one.`,
        ),
      );
    }
    if (isTaken(slot, await takenTime(deps, search))) return fail(slotJustBooked());

    const meeting = meetingOf(mentor, workspace);
    if (platformProblem(deps, meeting.platform)) {
      return fail(
        new DomainError(
          ErrorCode.NotEditable,
          `${mentor.displayName}'s booked sessions use BigBlueButton, which is not set up on this mentorbot server, so no slot can be booked. Ask ${mentor.displayName} to pick another meeting platform.`,
        ),
      );
    }
    const sessionId = deps.ids.next();
    // Claimed before anything else is written: when another booking holds the slot, the
    // command stops here and its transaction is rolled back with nothing else done.
    const claimed = await deps.bookings.claim({
      mentorId: mentor.id,
      menteeId: actor.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      sessionId,
      createdAt: now,
    });
    if (!claimed) return fail(slotJustBooked());

    const offer = await acceptPendingOffer(deps, { now, effects }, actor, mentor, sessionId);
    // The mentee's own open request to this mentor is fulfilled by the booking.
    const ownRequest = offer ? undefined : await deps.requests.findPending(actor.id, mentor.id);
    const scheduled = ownRequest
      ? await deps.requests.transition(ownRequest.id, ['pending'], 'scheduled', now, { sessionId })
      : undefined;
    const requestId = offer?.id ?? scheduled?.id;

    const session: Session = {
      id: sessionId,
      workspaceId: workspace.id,
      title: bookedTitle(mentor, actor),
      // No time in the text: every card shows the time in its reader's own zone.
      description: `Booked by ${actor.displayName} from ${mentor.displayName}'s availability.`,
      type: 'private',
      mentorIds: [mentor.id],
      // The mentee chose this time: they take part, as an enrolled mentee (not an invitee).
      invitedIds: [],
      enrolledIds: [actor.id],
      seatLimit: 1,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      recommendedFor: [],
      categories: [],
      medium: [],
      meeting,
      status: 'published',
      createdBy: actor.id,
      ...(requestId ? { requestId } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.sessions.insert(session);

    const people = new Map([
      [mentor.id, mentor],
      [actor.id, actor],
    ]);
    effects.after(() =>
      deps.scheduler.sessionScheduled(session, workspace.config.reminderOffsetsMinutes),
    );
    effects.after(() => openRoom(deps, session));
    effects.notify({
      kind: 'sessionBooked',
      recipient: mentor.id,
      workspaceId: workspace.id,
      session: sessionCard(session, mentor, people, now, workspace.config, deps),
      mentee: { id: actor.id, name: actor.displayName },
    });
    return ok({
      session: sessionCard(session, actor, people, now, workspace.config, deps),
      ...(offer ? { acceptedOfferId: offer.id } : {}),
    });
  });
}
