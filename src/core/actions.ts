import { isAdmin, isMentor, isSessionManager, type Person } from './people/person.js';
import type { MentorshipRequest } from './requests/request.js';
import {
  canManage,
  detailsEditable,
  enrolmentOpen,
  isEnrolled,
  isInvited,
  isSessionMentor,
  mayJoin,
  meetingEditable,
} from './sessions/access.js';
import { effectiveStatus, type Session, seatsLeft } from './sessions/session.js';
import type { WorkspaceConfig } from './workspaces/workspace.js';

/**
 * What a person may do next, decided here once for every view model (session cards and
 * details, requests, profiles, search hits, the home and my-sessions lists). Adapters map
 * each kind to a button of their own and never re-derive a permission: a kind is listed
 * exactly when pressing its button would be allowed by the use case behind it.
 */
export const ACTION_KINDS = [
  // A session
  'join',
  'enrol',
  'publish',
  'editSession',
  'editMeeting',
  /** Add or replace the session's image with a file (docs/product.md#session-image). */
  'addImage',
  'removeImage',
  'deleteSession',
  'cloneSession',
  'viewMentees',
  'downloadMentees',
  /** A mentee of a completed session asks its mentor for the next one (docs/product.md#clone). */
  'requestAnother',
  // A mentorship request
  'scheduleRequest',
  /** The mentor books the next one of the session a request asks to repeat, in one press. */
  'cloneForRequest',
  'declineRequest',
  'dismissOffer',
  // A person
  'viewMentorProfile',
  'requestSession',
  'bookSlot',
  'offerMentoring',
  // The viewer's own things
  'editMenteeProfile',
  'editMentorProfile',
  'previewMentorProfile',
  'createSession',
  'findMentor',
  'findMentees',
  'viewIncomingRequests',
  'editSettings',
  'manageRoles',
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

/** The feature switches (docs/product.md#switched-off-features) that decide actions. */
export type Switches = Pick<
  WorkspaceConfig,
  'menteeRequests' | 'mentorRequests' | 'selfServeMentors'
>;

/** Whether a list of actions allows `kind`: the one test adapters use. */
export const allows = (actions: readonly ActionKind[], kind: ActionKind) => actions.includes(kind);

/** Builds a list from `[kind, allowed]` pairs, in the order given. */
function listOf(entries: ReadonlyArray<readonly [ActionKind, boolean]>): ActionKind[] {
  return entries.filter(([, allowed]) => allowed).map(([kind]) => kind);
}

/** docs/product.md#self-serve-mentors: anyone may set up a mentor profile, or only those granted the role. */
export const mayEditMentorProfile = (person: Pick<Person, 'roles'>, switches: Switches) =>
  isMentor(person) || switches.selfServeMentors;

/** Mentors and session managers create sessions (docs/product.md#sessions). */
export const mayCreateSessions = (person: Pick<Person, 'roles'>) =>
  isMentor(person) || isSessionManager(person);

/**
 * A session, for `viewer` at `now` (docs/product.md#session-access, #enrolment, #editing):
 * - join: a mentor or enrolled mentee, from 10 minutes before the start until the end, the
 *   meeting having a link or being a BigBlueButton room;
 * - enrol: enrolment open (published, not started), not in yet, not its mentor, and
 *   invited or a public session with a free seat;
 * - publish: a manager's draft whose start is still ahead (otherwise: edit the time first);
 * - editSession, deleteSession: a manager, until the start (a draft: always);
 * - editMeeting: a manager, until the end;
 * - addImage: a manager, until the start; removeImage: the same, when it has an image;
 * - cloneSession: a manager, once the session is no draft;
 * - viewMentees, downloadMentees: a manager;
 * - requestAnother: a mentee (invited or enrolled) of a live or completed session who does
 *   not manage it, when mentee requests are on.
 */
export function sessionActions(
  session: Session,
  viewer: Person,
  switches: Switches,
  now: Date,
): ActionKind[] {
  const manager = canManage(session, viewer);
  const mentor = isSessionMentor(session, viewer);
  const enrolled = isEnrolled(session, viewer);
  const invited = isInvited(session, viewer);
  const status = effectiveStatus(session, now);
  return listOf([
    [
      'join',
      mayJoin(session, viewer, now) &&
        (!!session.meeting?.url || session.meeting?.platform === 'bigbluebutton'),
    ],
    [
      'enrol',
      enrolmentOpen(session, now) &&
        !enrolled &&
        !mentor &&
        (invited || (session.type === 'public' && seatsLeft(session) > 0)),
    ],
    ['publish', manager && session.status === 'draft' && now < session.startsAt],
    ['editSession', manager && detailsEditable(session, now)],
    ['editMeeting', manager && meetingEditable(session, now)],
    ['addImage', manager && detailsEditable(session, now)],
    [
      'removeImage',
      manager &&
        detailsEditable(session, now) &&
        (session.imageFile !== undefined || !!session.imageUrl),
    ],
    ['deleteSession', manager && detailsEditable(session, now)],
    ['cloneSession', manager && session.status !== 'draft'],
    ['viewMentees', manager],
    ['downloadMentees', manager],
    [
      'requestAnother',
      !manager &&
        (status === 'completed' || status === 'live') &&
        (enrolled || invited) &&
        session.mentorIds.some((id) => id !== viewer.id) &&
        switches.menteeRequests,
    ],
  ]);
}

/**
 * A mentorship request, for `viewer` (docs/product.md#mentorship-requests):
 * - scheduleRequest, declineRequest: the mentor a mentee's pending request was sent to;
 * - cloneForRequest: the same, when the request asks for another session like one of theirs;
 * - dismissOffer: the mentee a mentor's pending "I want to mentor you!" was sent to;
 * - viewMentorProfile: the mentee side, while the mentor is still a member (`mentorKnown`).
 */
export function requestActions(
  request: Pick<MentorshipRequest, 'kind' | 'status' | 'menteeId' | 'mentorId' | 'likeSession'>,
  viewer: Pick<Person, 'id'>,
  mentorKnown: boolean,
): ActionKind[] {
  const pending = request.status === 'pending';
  const theMentor = viewer.id === request.mentorId;
  const theMentee = viewer.id === request.menteeId;
  const asked = request.kind === 'menteeToMentor';
  return listOf([
    ['cloneForRequest', theMentor && asked && pending && request.likeSession !== undefined],
    ['scheduleRequest', theMentor && asked && pending],
    ['declineRequest', theMentor && asked && pending],
    ['dismissOffer', theMentee && !asked && pending],
    ['viewMentorProfile', theMentee && mentorKnown],
  ]);
}

/**
 * A mentor's profile, for `viewer` (docs/product.md#profiles, #mentorship-requests, #booking):
 * - requestSession: someone else's profile, mentee requests on, and no request of the
 *   viewer's own waiting (an offer from the mentor does not block: requesting accepts it);
 * - bookSlot: someone else's profile with at least one free slot.
 */
export function mentorProfileActions(args: {
  own: boolean;
  switches: Switches;
  pending?: Pick<MentorshipRequest, 'kind'> | undefined;
  freeSlots: number;
}): ActionKind[] {
  const { own, switches, pending, freeSlots } = args;
  return listOf([
    ['requestSession', !own && switches.menteeRequests && pending?.kind !== 'menteeToMentor'],
    ['bookSlot', !own && freeSlots > 0],
  ]);
}

/**
 * One mentor in "find a mentor": open their profile always; *Request a Session* when mentee
 * requests are on (whether one is already open shows on the profile and the request form).
 */
export function mentorHitActions(
  mentor: Pick<Person, 'id'>,
  viewer: Pick<Person, 'id'>,
  switches: Switches,
): ActionKind[] {
  return listOf([
    ['viewMentorProfile', true],
    ['requestSession', mentor.id !== viewer.id && switches.menteeRequests],
  ]);
}

/**
 * One mentee in a mentor's search: *I want to mentor you!* when mentor requests are on, the
 * mentee is looking for a mentor, is not the viewer, and has no open request with them.
 */
export function menteeHitActions(args: {
  mentee: Pick<Person, 'id' | 'menteeProfile'>;
  viewer: Pick<Person, 'id'>;
  switches: Switches;
  openRequest: boolean;
}): ActionKind[] {
  const { mentee, viewer, switches, openRequest } = args;
  return listOf([
    [
      'offerMentoring',
      switches.mentorRequests &&
        mentee.id !== viewer.id &&
        mentee.menteeProfile.lookingForMentor &&
        !openRequest,
    ],
  ]);
}

/**
 * The viewer's own profile: edit the mentee profile always; the mentor profile when they are
 * a mentor or self-serve mentors is on; preview it once it exists; admins edit settings.
 */
export function myProfileActions(person: Person, switches: Switches): ActionKind[] {
  return listOf([
    ['editMenteeProfile', true],
    ['editMentorProfile', mayEditMentorProfile(person, switches)],
    ['previewMentorProfile', isMentor(person) && person.mentorProfile !== undefined],
    ['editSettings', isAdmin(person)],
    ['manageRoles', isAdmin(person)],
  ]);
}

/**
 * The home (Slack App Home, the Teams welcome and help): create sessions (mentors and
 * session managers), find a mentor (everyone), ask one for a session (when mentee requests
 * are on), find mentees and the request inbox (mentors), settings and roles (admins).
 */
export function homeActions(person: Pick<Person, 'roles'>, switches: Switches): ActionKind[] {
  return listOf([
    ['createSession', mayCreateSessions(person)],
    ['findMentor', true],
    ['requestSession', switches.menteeRequests],
    ['findMentees', isMentor(person)],
    ['viewIncomingRequests', isMentor(person)],
    ['editSettings', isAdmin(person)],
    ['manageRoles', isAdmin(person)],
  ]);
}
