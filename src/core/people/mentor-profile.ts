import { z } from 'zod';
import { mentorProfileActions } from '../actions.js';
import { freeSlots } from '../booking/free-slots.js';
import { freeTimesPage, freeTimesPageSchema } from '../booking/free-times.js';
import { slotMinutesOf } from '../booking/slots.js';
import { fail, notFound, ok, type Result } from '../errors.js';
import { peopleMap, requestView } from '../requests/request.view.js';
import { canSee, isEnrolled, isInvited } from '../sessions/access.js';
import { mentorIdsOf, sessionCard, summaryOf } from '../sessions/card.js';
import { seatsLeft } from '../sessions/session.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import { tagChips } from '../views.js';
import { isMentor } from './person.js';
import type { MentorProfileView } from './profile.views.js';

const schema = freeTimesPageSchema.extend({
  mentorId: z.string({ error: 'Pick a mentor.' }).trim().min(1, { error: 'Pick a mentor.' }),
});

const UPCOMING_READ = 50;
/**
 * The soonest few: with a week of free times to book, more would take a Teams card past
 * 28 KB (test/unit/free-times.test.ts).
 */
const UPCOMING_SHOWN = 5;

/**
 * docs/product.md#mentor-profile: a mentor's profile for a viewer: headline, bio, expertise,
 * upcoming published sessions the viewer could join, one page of the free times of the next 14
 * days in the viewer's zone (`page`, `unit`: docs/product.md#booking), and the *Request a
 * Session* and *Book* buttons when pressing them would work.
 */
export function getMentorProfile(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown },
): Promise<Result<MentorProfileView>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input, now }) => {
    const mentor = await deps.people.get(input.mentorId);
    if (!mentor || mentor.workspaceId !== workspace.id || !isMentor(mentor)) {
      return fail(notFound('mentor'));
    }
    const own = mentor.id === actor.id;
    const viewerZone = actor.timeZone;
    const [sessions, free, pending] = await Promise.all([
      deps.sessions.find({
        workspaceId: workspace.id,
        mentorId: mentor.id,
        statuses: ['published'],
        startsAfter: now,
        limit: UPCOMING_READ,
        sort: 'startsAsc',
      }),
      freeSlots(deps, { mentor, workspace, now, viewerZone }),
      own ? Promise.resolve(undefined) : deps.requests.findPending(actor.id, mentor.id),
    ]);
    // Private sessions only for their invitees; full ones only for those already holding a seat.
    const upcoming = sessions
      .filter((s) => canSee(s, actor))
      .filter((s) => seatsLeft(s) > 0 || isInvited(s, actor) || isEnrolled(s, actor))
      .slice(0, UPCOMING_SHOWN);
    const people = peopleMap(await deps.people.getMany(mentorIdsOf(upcoming)));
    const profile = mentor.mentorProfile;
    const freeTimes = freeTimesPage({
      free,
      now,
      viewerZone: actor,
      slotMinutes: slotMinutesOf(profile),
      request: { page: input.page, unit: input.unit },
    });
    return ok({
      mentor: summaryOf(mentor),
      mentorTimeZone: mentor.timeZone,
      headline: profile?.headline ?? '',
      bio: profile?.bio ?? '',
      expertise: tagChips(profile?.expertise ?? []),
      meetingPlatform: profile?.meetingPlatform ?? workspace.config.defaultMeetingPlatform,
      upcomingSessions: upcoming.map((s) =>
        sessionCard(s, actor, people, now, workspace.config, deps),
      ),
      // On their own profile a mentor previews their free times; only others may book them.
      freeTimes,
      ...(pending
        ? { pendingRequest: requestView(pending, peopleMap([actor, mentor]), actor) }
        : {}),
      isOwnProfile: own,
      // A pending offer from the mentor does not block: requesting accepts it
      // (docs/product.md#accepting-an-offer).
      actions: mentorProfileActions({
        own,
        switches: workspace.config,
        pending,
        freeSlots: freeTimes.total,
      }),
    });
  });
}
