import type { ActionKind } from '../../core/actions.js';
import { Action } from './ids.js';
import { type Button, button } from './kit.js';

type Style = 'primary' | 'danger';

/**
 * How each action the core allows is drawn on Slack, in one place: its label, the
 * `action_id` its listener answers, and its style. Adapters never decide whether a button
 * shows; the view model's `actions` list does (src/core/actions.ts). Kinds Slack does not
 * draw (`publish`: the meeting step publishes; `previewMentorProfile`; `downloadMentees`:
 * the mentee list has it; `viewIncomingRequests`: Home lists them; `addImage`: the *Edit*
 * form's image file adds or replaces it) have no entry.
 */
const BUTTONS: Partial<Record<ActionKind, { text: string; action: string; style?: Style }>> = {
  join: { text: 'Join', action: Action.join, style: 'primary' },
  enrol: { text: 'Enroll', action: Action.enrol, style: 'primary' },
  editSession: { text: 'Edit', action: Action.edit },
  editMeeting: { text: 'Edit meeting link', action: Action.editMeeting },
  removeImage: { text: 'Remove image', action: Action.removeImage },
  viewMentees: { text: 'View list', action: Action.viewMentees },
  downloadMentees: { text: 'Download CSV', action: Action.downloadCsv },
  cloneSession: { text: 'Clone', action: Action.clone },
  deleteSession: { text: 'Delete', action: Action.delete, style: 'danger' },
  requestAnother: { text: 'Request another session', action: Action.openRequestSession },
  scheduleRequest: { text: 'Schedule session', action: Action.scheduleRequest, style: 'primary' },
  cloneForRequest: {
    text: 'Book the next one',
    action: Action.cloneForRequest,
    style: 'primary',
  },
  declineRequest: { text: 'Decline', action: Action.declineRequest },
  dismissOffer: { text: 'Dismiss', action: Action.dismissOffer },
  viewMentorProfile: { text: 'View profile', action: Action.viewMentorProfile },
  requestSession: { text: 'Request a Session', action: Action.openRequestSession },
  bookSlot: { text: 'Book', action: Action.bookSlot },
  offerMentoring: {
    text: 'I want to mentor you!',
    action: Action.offerMentoring,
    style: 'primary',
  },
  editMenteeProfile: { text: 'Edit mentee profile', action: Action.editMenteeProfile },
  editMentorProfile: {
    text: 'Edit mentor profile & availability',
    action: Action.editMentorProfile,
  },
  createSession: { text: 'Create session', action: Action.openCreateSession, style: 'primary' },
  findMentor: { text: 'Find a mentor', action: Action.findMentor },
  findMentees: { text: 'Find mentees', action: Action.findMentees },
  editSettings: { text: 'Edit settings', action: Action.openSettings },
  manageRoles: { text: 'Manage roles', action: Action.openRoles },
};

/** What one surface changes about a button: another label, a style, a link. */
export interface ButtonLook {
  readonly text?: string;
  readonly style?: Style | undefined;
  readonly url?: string;
}

/**
 * The buttons for `kinds` (the surface's order) that `allowed` holds, each carrying
 * `value` (what its listener needs: usually an id) and the surface's `looks`.
 */
export function buttonsFor(
  allowed: readonly ActionKind[],
  kinds: readonly ActionKind[],
  value: string | ((kind: ActionKind) => string | undefined) | undefined,
  looks: Partial<Record<ActionKind, ButtonLook>> = {},
): Button[] {
  const out: Button[] = [];
  for (const kind of kinds) {
    const drawn = BUTTONS[kind];
    if (!drawn || !allowed.includes(kind)) continue;
    const look = looks[kind] ?? {};
    const style = 'style' in look ? look.style : drawn.style;
    out.push(
      button(
        look.text ?? drawn.text,
        drawn.action,
        typeof value === 'function' ? value(kind) : value,
        { ...(style ? { style } : {}), ...(look.url ? { url: look.url } : {}) },
      ),
    );
  }
  return out;
}
