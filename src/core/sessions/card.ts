import { type Switches, sessionActions } from '../actions.js';
import type { Person, PersonId } from '../people/person.js';
import type { ImageStore, MeetingRooms } from '../ports.js';
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
 * link from shortly before the start. `links.rooms` signs BigBlueButton links, one per
 * person; `links.images` gives the link of an image the service keeps.
 */
export function sessionCard(
  session: Session,
  viewer: Person,
  people: ReadonlyMap<PersonId, Pick<Person, 'id' | 'displayName'>>,
  now: Date,
  switches: Switches,
  links: {
    readonly rooms?: MeetingRooms | undefined;
    readonly images?: ImageStore | undefined;
  } = {},
): SessionCard {
  const { rooms } = links;
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
    ...imageOf(session, links.images),
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

/** How a card shows the session's image: a link (its own, or the service's), or a Slack file. */
function imageOf(
  session: Session,
  images: ImageStore | undefined,
): Pick<SessionCard, 'imageUrl' | 'imageSlackFile' | 'imageName'> {
  const file = session.imageFile;
  if (file?.source === 'slack') return { imageSlackFile: file.fileId, imageName: file.name };
  if (file?.source === 'stored') {
    return images ? { imageUrl: images.url(file.id), imageName: file.name } : {};
  }
  return session.imageUrl ? { imageUrl: session.imageUrl } : {};
}
