import { DomainError } from '../../../../core/errors.js';
import type { MeetingPlatform, Person } from '../../../../core/people/person.js';
import type { SessionFormInput } from '../../../../core/sessions/form.js';
import type { SlackContext } from '../../context.js';
import { View } from '../../ids.js';
import { type ModalView, modal } from '../../kit.js';
import { type Form, modalOf } from '../../listen.js';
import { encodeMeta } from '../../modal.js';
import type { Origin } from '../../origin.js';
import {
  cloneModal,
  deleteModal,
  meetingModal,
  menteeListModal,
  sessionDetailsModal,
} from './modals.js';
import { sessionBlocks } from './views.js';

/**
 * The session modals, each filled from the core's form query (`sessionForm`: values,
 * what the person may change, choices, defaults), or the DomainError to show in place of
 * the form. Listeners open a loading view first (`openModal`), then call these.
 */

/** What the details form's submission needs besides its inputs. */
export interface DetailsMeta {
  mode: 'create' | 'edit';
  /** The session edited, and the version the form was filled from. */
  s?: string;
  v?: number;
  /** The request a new session answers. */
  r?: string;
  /** The meeting platforms to offer, and the default, for step 2. */
  mp?: readonly MeetingPlatform[];
  dp?: MeetingPlatform;
  origin?: Origin;
}
export interface MeetingMeta {
  s: string;
  publish: boolean;
  origin?: Origin;
}
export interface SessionMeta {
  s: string;
  /** The title, for the message that says the session was deleted. */
  t?: string;
  origin?: Origin;
}

/** A form about one session, opened from a button on it (its value is the session id). */
type SessionForm = Form;

const formOf = async (ctx: SlackContext, person: Person, input: SessionFormInput) => {
  const form = await ctx.mentorship.sessionForm({ actor: { personId: person.id }, input });
  return form.ok ? form.value : form.error;
};

const withOrigin = (origin: Origin | undefined) => (origin ? { origin } : {});

export async function createSessionForm(
  ctx: SlackContext,
  person: Person,
  args: { requestId?: string | undefined; origin?: Origin },
): Promise<ModalView | DomainError> {
  const form = await formOf(ctx, person, {
    mode: 'create',
    ...(args.requestId ? { requestId: args.requestId } : {}),
  });
  if (form instanceof DomainError) return form;
  const meta: DetailsMeta = {
    mode: 'create',
    ...(form.request ? { r: form.request.id } : {}),
    mp: form.choices.meetingPlatforms,
    dp: form.defaults.meetingPlatform,
    ...withOrigin(args.origin),
  };
  return sessionDetailsModal(form, encodeMeta(meta));
}

export const editSessionForm: SessionForm = async (ctx, person, sessionId, origin) => {
  const form = await formOf(ctx, person, { mode: 'edit', sessionId });
  if (form instanceof DomainError) return form;
  const meta: DetailsMeta = {
    mode: 'edit',
    s: sessionId,
    ...(form.version !== undefined ? { v: form.version } : {}),
    mp: form.choices.meetingPlatforms,
    dp: form.defaults.meetingPlatform,
    ...withOrigin(origin),
  };
  return sessionDetailsModal(form, encodeMeta(meta));
};

export const meetingForm: SessionForm = async (ctx, person, sessionId, origin) => {
  const form = await formOf(ctx, person, { mode: 'meeting', sessionId });
  if (form instanceof DomainError) return form;
  const meta: MeetingMeta = { s: sessionId, publish: form.publishes, ...withOrigin(origin) };
  return meetingModal({
    meeting: form.values.meeting,
    platforms: form.choices.meetingPlatforms,
    publish: form.publishes,
    meta: encodeMeta(meta),
  });
};

export const cloneForm: SessionForm = async (ctx, person, sessionId, origin) => {
  const form = await formOf(ctx, person, { mode: 'clone', sessionId });
  if (form instanceof DomainError) return form;
  const meta: SessionMeta = { s: sessionId, ...withOrigin(origin) };
  return cloneModal(form, encodeMeta(meta));
};

export const deleteForm: SessionForm = async (ctx, person, sessionId, origin) => {
  // The core says whether it may be deleted, and why not, before the dialog opens.
  const details = await ctx.mentorship.deleteForm({
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  const card = details.value.session;
  const meta: SessionMeta = { s: sessionId, t: card.title, ...withOrigin(origin) };
  return deleteModal(card, encodeMeta(meta));
};

export const menteeListForm: SessionForm = (ctx, person, sessionId) =>
  modalOf(
    ctx.mentorship.menteeList({ actor: { personId: person.id }, input: { sessionId } }),
    (list) => menteeListModal(list, sessionId),
  );

/** *Read more*: the session alone, its whole description, with the buttons the reader has. */
export const sessionAloneForm: SessionForm = (ctx, person, sessionId) =>
  modalOf(
    ctx.mentorship.sessionDetails({ actor: { personId: person.id }, input: { sessionId } }),
    ({ session }) =>
      modal({ callbackId: View.notice, title: 'Session', blocks: sessionBlocks(session) }),
  );
