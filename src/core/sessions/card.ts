import type { Person, PersonId } from '../people/person.js';
import { timeView } from '../time.js';
import { type PersonSummary, type SessionCard, tagChips } from '../views.js';
import {
  canManage,
  detailsEditable,
  enrolmentOpen,
  isEnrolled,
  isInvited,
  isParticipant,
  isSessionMentor,
  joinable,
  meetingEditable,
} from './access.js';
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
): SessionCard {
  const manager = canManage(session, viewer);
  const participant = isParticipant(session, viewer);
  const enrolled = isEnrolled(session, viewer);
  const invited = isInvited(session, viewer);
  const open = enrolmentOpen(session, now);
  const canJoin = participant && joinable(session, now);
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
    actions: {
      edit: manager && detailsEditable(session, now),
      editMeeting: manager && meetingEditable(session, now),
      delete: manager && detailsEditable(session, now),
      enrol:
        open &&
        !enrolled &&
        !isSessionMentor(session, viewer) &&
        (invited || (session.type === 'public' && seatsLeft(session) > 0)),
      join: canJoin && session.meeting?.url !== undefined,
      clone: manager && session.status !== 'draft',
      viewMentees: manager,
    },
  };
}
