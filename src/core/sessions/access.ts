import { isSessionManager, type Person } from '../people/person.js';
import { effectiveStatus, type Session } from './session.js';

/**
 * Who may do what with a session (docs/product.md#session-access, #authorization). Every use
 * case and every view model asks here, so a button is shown exactly when pressing it would be
 * allowed.
 */

export const isSessionMentor = (session: Pick<Session, 'mentorIds'>, person: Pick<Person, 'id'>) =>
  session.mentorIds.includes(person.id);

/** Mentors of the session, and the workspace's session managers, manage it. */
export const canManage = (session: Session, person: Person) =>
  person.workspaceId === session.workspaceId &&
  (isSessionMentor(session, person) || isSessionManager(person));

export const isInvited = (session: Pick<Session, 'invitedIds'>, person: Pick<Person, 'id'>) =>
  session.invitedIds.includes(person.id);

export const isEnrolled = (session: Pick<Session, 'enrolledIds'>, person: Pick<Person, 'id'>) =>
  session.enrolledIds.includes(person.id);

export const isParticipant = (session: Session, person: Person) =>
  isSessionMentor(session, person) || isInvited(session, person) || isEnrolled(session, person);

/** Private sessions are invisible to the uninvited; drafts to everyone but their managers. */
export function canSee(session: Session, person: Person): boolean {
  if (person.workspaceId !== session.workspaceId) return false;
  if (canManage(session, person)) return true;
  if (session.status === 'draft') return false;
  if (session.type === 'private') return isParticipant(session, person);
  return true;
}

/**
 * Details and invitees: only until the session starts. A draft has told no one and never
 * starts, so it stays editable (and deletable) even when its planned start has passed:
 * otherwise a forgotten draft could only be thrown away.
 */
export const detailsEditable = (session: Session, now: Date) =>
  session.status === 'draft' || (session.status === 'published' && now < session.startsAt);

/** Meeting information: also while the session is live. */
export const meetingEditable = (session: Session, now: Date) =>
  session.status === 'draft' ||
  ((session.status === 'published' || session.status === 'live') && now < session.endsAt);

/** Mentees may enrol in published sessions that have not started. */
export const enrolmentOpen = (session: Session, now: Date) =>
  session.status === 'published' && now < session.startsAt;

/** *Join* appears this long before the start (docs/product.md#scheduled-work), not days ahead. */
export const JOIN_OPENS_MINUTES_BEFORE = 10;

/**
 * The meeting can be joined from 10 minutes before the start until the end: a card made
 * days ahead shows the meeting's details, not a button nobody can use yet.
 */
export function joinable(session: Session, now: Date): boolean {
  const status = effectiveStatus(session, now);
  if (status === 'live') return true;
  return (
    status === 'published' &&
    now.getTime() >= session.startsAt.getTime() - JOIN_OPENS_MINUTES_BEFORE * 60_000
  );
}

/** Joining is for those who take part: the mentors and enrolled mentees (an invitee enrols first). */
export const mayJoin = (session: Session, person: Person, now: Date) =>
  (isSessionMentor(session, person) || isEnrolled(session, person)) && joinable(session, now);

/** Meeting id and passcode too: for managers and participants, at any time. */
export const seesMeeting = (session: Session, person: Person, _now?: Date) =>
  canManage(session, person) || isParticipant(session, person);
