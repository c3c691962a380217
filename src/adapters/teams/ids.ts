import type { ActionKind } from '../../core/actions.js';

/**
 * Every verb a Teams card or dialog carries, shared by the card builders (each feature's
 * cards.ts and forms.ts) and the handlers that answer them (each feature's handlers.ts). A
 * verb is the `verb` field of an Action.Execute, or `data.verb` of an Action.Submit (dialogs
 * and card navigation).
 */

/** Dialogs (task modules): `task/fetch` opens the form, `task/submit` sends it back. */
export const DialogVerb = {
  createSession: 'session.create',
  editSession: 'session.edit',
  editMeeting: 'session.meeting',
  deleteSession: 'session.delete',
  cloneSession: 'session.clone',
  menteeList: 'session.mentees',
  requestSession: 'request.new',
  sendOffer: 'offer.new',
  menteeProfile: 'profile.mentee',
  mentorProfile: 'profile.mentor',
  /** *Set my time zone* (docs/product.md#time). */
  timeZone: 'profile.timeZone',
  settings: 'settings',
  roles: 'settings.roles',
} as const;

/** Buttons that change something: Action.Execute; the card is replaced by the answer. */
export const ActionVerb = {
  enrol: 'session.enrol',
  publish: 'session.publish',
  addImage: 'session.addImage',
  removeImage: 'session.removeImage',
  declineRequest: 'request.decline',
  cloneForRequest: 'request.clone',
  dismissOffer: 'offer.dismiss',
  book: 'mentor.book',
} as const;

/** *Previous* / *Next 5* under a list: Action.Execute; the card turns to that page in place. */
export const PageVerb = {
  mySessions: 'page.sessions',
  myRequests: 'page.requests',
  incomingRequests: 'page.incoming',
  /** A mentor's free times on their profile: *‹ Previous week* / *Next week ›*. */
  freeTimes: 'page.freeTimes',
  findMentors: 'page.mentors',
} as const;

/** Buttons that only show something: Action.Submit; the answer is a new message. */
export const ShowVerb = {
  mentorProfile: 'show.mentor',
  mySessions: 'show.sessions',
  session: 'show.session',
  myRequests: 'show.requests',
  incomingRequests: 'show.incoming',
  findMentors: 'show.mentors',
  findMentees: 'show.mentees',
  myProfile: 'show.profile',
  help: 'show.help',
} as const;

/**
 * The commands typed in the chat, as listed in the manifest's command list (at most 10 per
 * scope). Matched case-insensitively at the start of the message; the rest is the argument.
 * `action`: the home action (src/core/actions.ts) without which help does not offer it.
 */
export const COMMANDS: readonly {
  readonly command: string;
  readonly description: string;
  readonly show: string | undefined;
  readonly action?: ActionKind;
}[] = [
  { command: 'help', description: 'What mentorbot can do', show: ShowVerb.help },
  {
    command: 'request session',
    description: 'Ask a mentor for a session (optionally: a mentor name)',
    show: undefined,
    action: 'requestSession',
  },
  {
    command: 'find mentor',
    description: 'Find a mentor by name or expertise',
    show: ShowVerb.findMentors,
  },
  {
    command: 'find mentees',
    description: 'Mentors: mentees looking for a mentor (optionally: an interest)',
    show: ShowVerb.findMentees,
    action: 'findMentees',
  },
  {
    command: 'create session',
    description: 'Create a mentoring session',
    show: undefined,
    action: 'createSession',
  },
  {
    command: 'my sessions',
    description: 'Your upcoming, live and completed sessions',
    show: ShowVerb.mySessions,
  },
  { command: 'my requests', description: 'My mentorship requests', show: ShowVerb.myRequests },
  {
    command: 'incoming requests',
    description: 'Mentors: session requests waiting for you',
    show: ShowVerb.incomingRequests,
    action: 'viewIncomingRequests',
  },
  {
    command: 'profile',
    description: 'Your mentee and mentor profile and availability',
    show: ShowVerb.myProfile,
  },
  {
    command: 'settings',
    description: 'Admins: workspace settings',
    show: undefined,
    action: 'editSettings',
  },
];
