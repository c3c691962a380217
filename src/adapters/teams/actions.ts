import type { ActionKind } from '../../core/actions.js';
import { ActionVerb, DialogVerb, ShowVerb } from './ids.js';
import { type CardAction, execute, openDialog, openUrl, submit } from './kit.js';

/** What a button acts on: the ids its data carries back (and the links it opens). */
export interface Target {
  readonly sessionId?: string;
  readonly requestId?: string;
  readonly mentorId?: string;
  readonly menteeId?: string;
  readonly menteeName?: string;
  /** The viewer, for their own profile's preview. */
  readonly personId?: string;
  readonly joinUrl?: string | undefined;
  readonly csvUrl?: string | undefined;
}

type Make = (t: Target, title?: string) => CardAction | undefined;

const session = (t: Target) => ({ sessionId: t.sessionId ?? '' });
const mentor = (t: Target) => ({ mentorId: t.mentorId ?? '' });

/**
 * Every action kind of the core as a Teams button, in one place: Action.Execute for what
 * changes something where the button is, a dialog (task/fetch) for what needs a form,
 * Action.Submit for what only shows something, and links.
 */
const BUTTONS: Readonly<Record<ActionKind, Make>> = {
  join: (t, title = 'Join') => (t.joinUrl ? openUrl(title, t.joinUrl) : undefined),
  enrol: (t, title = 'Enroll') => execute(title, ActionVerb.enrol, session(t), true),
  publish: (t, title = 'Publish') => execute(title, ActionVerb.publish, session(t), true),
  editSession: (t, title = 'Edit') => openDialog(title, DialogVerb.editSession, session(t)),
  editMeeting: (t, title = 'Meeting link') => openDialog(title, DialogVerb.editMeeting, session(t)),
  addImage: (t, title = 'Add image') => execute(title, ActionVerb.addImage, session(t)),
  removeImage: (t, title = 'Remove image') => execute(title, ActionVerb.removeImage, session(t)),
  deleteSession: (t, title = 'Delete') => openDialog(title, DialogVerb.deleteSession, session(t)),
  cloneSession: (t, title = 'Clone') => openDialog(title, DialogVerb.cloneSession, session(t)),
  viewMentees: (t, title = 'Mentee list') => openDialog(title, DialogVerb.menteeList, session(t)),
  downloadMentees: (t, title = 'Download CSV') => (t.csvUrl ? openUrl(title, t.csvUrl) : undefined),
  requestAnother: (t, title = 'Ask for another session') =>
    t.mentorId
      ? openDialog(title, DialogVerb.requestSession, {
          ...mentor(t),
          ...(t.sessionId ? session(t) : {}),
        })
      : undefined,
  cloneForRequest: (t, title = 'Book the next one') =>
    execute(
      title,
      ActionVerb.cloneForRequest,
      { requestId: t.requestId ?? '', ...session(t) },
      true,
    ),
  scheduleRequest: (t, title = 'Schedule session') =>
    openDialog(title, DialogVerb.createSession, { requestId: t.requestId ?? '' }),
  declineRequest: (t, title = 'Decline') =>
    execute(title, ActionVerb.declineRequest, { requestId: t.requestId ?? '' }),
  dismissOffer: (t, title = 'Dismiss') =>
    execute(title, ActionVerb.dismissOffer, { requestId: t.requestId ?? '' }),
  viewMentorProfile: (t, title = 'View profile') =>
    submit(title, ShowVerb.mentorProfile, mentor(t)),
  requestSession: (t, title = 'Request a Session') =>
    openDialog(title, DialogVerb.requestSession, t.mentorId ? mentor(t) : {}),
  bookSlot: (t, title = 'Book') => execute(title, ActionVerb.book, mentor(t), true),
  offerMentoring: (t, title = 'I want to mentor you!') =>
    openDialog(title, DialogVerb.sendOffer, {
      menteeId: t.menteeId ?? '',
      menteeName: t.menteeName ?? '',
    }),
  editMenteeProfile: (_t, title = 'Edit mentee profile') =>
    openDialog(title, DialogVerb.menteeProfile),
  editMentorProfile: (_t, title = 'Edit mentor profile') =>
    openDialog(title, DialogVerb.mentorProfile),
  previewMentorProfile: (t, title = 'Preview my mentor profile') =>
    submit(title, ShowVerb.mentorProfile, { mentorId: t.personId ?? '' }),
  createSession: (_t, title = 'Create session') => openDialog(title, DialogVerb.createSession),
  findMentor: (_t, title = 'Find a mentor') => submit(title, ShowVerb.findMentors),
  findMentees: (_t, title = 'Find mentees') => submit(title, ShowVerb.findMentees),
  viewIncomingRequests: (_t, title = 'Requests for you') =>
    submit(title, ShowVerb.incomingRequests),
  editSettings: (_t, title = 'Workspace settings') => openDialog(title, DialogVerb.settings),
  manageRoles: (_t, title = 'Manage roles') => openDialog(title, DialogVerb.roles),
};

/**
 * The buttons for `kinds` (in that order) that `actions` allows, for `target`; `titles`
 * words a button for where it stands.
 */
export function buttonsFor(
  actions: readonly ActionKind[],
  kinds: readonly ActionKind[],
  target: Target,
  titles: Partial<Record<ActionKind, string>> = {},
): CardAction[] {
  return kinds
    .filter((kind) => actions.includes(kind))
    .map((kind) => BUTTONS[kind](target, titles[kind]))
    .filter((a): a is CardAction => a !== undefined);
}
