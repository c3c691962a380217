import { type Switches, sessionActions } from '../actions.js';
import type { Person, PersonId } from '../people/person.js';
import type { MeetingRooms } from '../ports.js';
import { timeView } from '../time.js';
import { type PersonSummary, type SessionCard, tagChips } from '../views.js';
import { isEnrolled, isInvited, isParticipant, isSessionMentor } from './access.js';
import { meetingAccessFor } from './meeting.js';
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
 * when allowed, and exactly the actions the viewer may take. Participants see how to get
 * in (Zoom's meeting id and passcode) at any time; mentors and enrolled mentees get the
 * link from shortly before the start. `rooms` signs BigBlueButton links, one per person.
 */
export function sessionCard(
  session: Session,
  viewer: Person,
  people: ReadonlyMap<PersonId, Pick<Person, 'id' | 'displayName'>>,
  now: Date,
  switches: Switches,
  rooms?: MeetingRooms,
): SessionCard {
  const enrolled = isEnrolled(session, viewer);
  const invited = isInvited(session, viewer);
  const actions = sessionActions(session, viewer, switches, now);
  const access = isParticipant(session, viewer)
    ? meetingAccessFor(session, viewer, rooms)
    : undefined;
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
    start: timeView(session.startsAt, viewer),
    end: timeView(session.endsAt, viewer),
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
    ...(actions.includes('join') && access?.url ? { joinUrl: access.url } : {}),
    ...(access?.meetingId ? { meetingId: access.meetingId } : {}),
    ...(access?.passcode ? { meetingPasscode: access.passcode } : {}),
    viewerRole,
    // A BigBlueButton session on a server that lost its BigBlueButton has no link to offer.
    actions: access?.url ? actions : actions.filter((a) => a !== 'join'),
  };
}
