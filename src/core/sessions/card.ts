import { type Switches, sessionActions } from '../actions.js';
import type { Person, PersonId } from '../people/person.js';
import { timeView } from '../time.js';
import { type PersonSummary, type SessionCard, tagChips } from '../views.js';
import { isEnrolled, isInvited, isParticipant, isSessionMentor, joinable } from './access.js';
import { effectiveStatus, menteeCount, type Session, seatsLeft } from './session.js';

export const summaryOf = (person: Pick<Person, 'id' | 'displayName'>): PersonSummary => ({
  id: person.id,
  name: person.displayName,
});

/** People the cards of these sessions mention (their mentors). */
export const mentorIdsOf = (sessions: readonly Session[]): PersonId[] => [
  ...new Set(sessions.flatMap((s) => s.mentorIds)),
];

/**
 * The session as `viewer` sees it: times in the viewer's zone, counts, chips, the join link
 * when allowed, and exactly the actions the viewer may take.
 */
export function sessionCard(
  session: Session,
  viewer: Person,
  people: ReadonlyMap<PersonId, Pick<Person, 'id' | 'displayName'>>,
  now: Date,
  switches: Switches,
): SessionCard {
  const enrolled = isEnrolled(session, viewer);
  const invited = isInvited(session, viewer);
  const canJoin = isParticipant(session, viewer) && joinable(session, now);
  const viewerRole = isSessionMentor(session, viewer)
    ? 'mentor'
    : enrolled
      ? 'enrolled'
      : invited
        ? 'invited'
        : 'none';
  return {
    id: session.id,
    title: session.title,
    description: session.description,
    ...(session.imageUrl ? { imageUrl: session.imageUrl } : {}),
    type: session.type,
    status: effectiveStatus(session, now),
    start: timeView(session.startsAt, viewer.timeZone),
    end: timeView(session.endsAt, viewer.timeZone),
    mentors: session.mentorIds.map((id) => {
      const person = people.get(id);
      return person ? summaryOf(person) : { id, name: 'A former member' };
    }),
    menteeCount: menteeCount(session),
    seatLimit: session.seatLimit,
    seatsLeft: seatsLeft(session),
    recommendedFor: tagChips(session.recommendedFor),
    categories: tagChips(session.categories),
    medium: tagChips(session.medium),
    ...(session.meeting ? { meetingPlatform: session.meeting.platform } : {}),
    ...(canJoin && session.meeting?.url ? { joinUrl: session.meeting.url } : {}),
    viewerRole,
    actions: sessionActions(session, viewer, switches, now),
  };
}
