import { DomainError, ErrorCode } from '../../../../core/errors.js';
import { isSessionManager, type Person } from '../../../../core/people/person.js';
import { getSessionDetails, menteeList } from '../../../../core/sessions/index.js';
import { addLocalDays, localDateOf, localTimeOf } from '../../../../core/time.js';
import type { SlackContext } from '../../context.js';
import { type ModalView, slackUserOf } from '../../kit.js';
import { encodeMeta } from '../../modal.js';
import type { Origin } from '../../origin.js';
import { workspaceOf } from '../settings/forms.js';
import {
  cloneModal,
  deleteModal,
  meetingModal,
  menteeListModal,
  sessionDetailsModal,
} from './modals.js';

/**
 * Builds the modals that need the database: each answers the view, or the DomainError to
 * show in its place. Listeners open a loading view first (`openModal`), then call these.
 */

export interface DetailsMeta {
  mode: 'create' | 'edit';
  s?: string;
  v?: number;
  r?: string;
  origin?: Origin;
}
export interface MeetingMeta {
  s: string;
  publish: boolean;
  origin?: Origin;
}
export interface SessionMeta {
  s: string;
  origin?: Origin;
}

/** A form about one session, opened from a button on it. */
export type SessionForm = (
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  origin?: Origin,
) => Promise<ModalView | DomainError>;

export async function createSessionForm(
  ctx: SlackContext,
  person: Person,
  args: { requestId?: string; invitedUser?: string; origin?: Origin },
): Promise<ModalView | DomainError> {
  const workspace = await workspaceOf(ctx, person);
  if (workspace instanceof DomainError) return workspace;
  const manager = isSessionManager(person);
  const meta: DetailsMeta = {
    mode: 'create',
    ...(args.requestId ? { r: args.requestId } : {}),
    ...(args.origin ? { origin: args.origin } : {}),
  };
  return sessionDetailsModal({
    mode: 'create',
    timeZone: person.timeZone,
    vocabularies: workspace.config.vocabularies,
    defaultSeatLimit: workspace.config.defaultSeatLimit,
    canChooseType: manager,
    canChooseMentors: manager,
    invitedUsers: args.invitedUser ? [args.invitedUser] : [],
    meta: encodeMeta(meta),
  });
}

export async function editSessionForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  origin?: Origin,
): Promise<ModalView | DomainError> {
  const [details, workspace] = await Promise.all([
    getSessionDetails(ctx.core, { actor: { personId: person.id }, input: { sessionId } }),
    workspaceOf(ctx, person),
  ]);
  if (!details.ok) return details.error;
  if (workspace instanceof DomainError) return workspace;
  const form = details.value.form;
  if (!form || !details.value.session.actions.includes('editSession')) {
    return new DomainError(ErrorCode.NotEditable, 'This session can no longer be edited.');
  }
  const manager = isSessionManager(person);
  const meta: DetailsMeta = {
    mode: 'edit',
    s: sessionId,
    v: details.value.version,
    ...(origin ? { origin } : {}),
  };
  return sessionDetailsModal({
    mode: 'edit',
    form,
    timeZone: person.timeZone,
    vocabularies: workspace.config.vocabularies,
    defaultSeatLimit: workspace.config.defaultSeatLimit,
    canChooseType: manager && details.value.session.status === 'draft',
    canChooseMentors: manager,
    invitedUsers: form.menteeIds.map(slackUserOf).filter((u): u is string => !!u),
    meta: encodeMeta(meta),
  });
}

export async function meetingForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  origin?: Origin,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  if (!details.value.session.actions.includes('editMeeting')) {
    return new DomainError(
      ErrorCode.NotEditable,
      'The meeting link of this session can no longer change.',
    );
  }
  const meta: MeetingMeta = {
    s: sessionId,
    publish: details.value.session.status === 'draft',
    ...(origin ? { origin } : {}),
  };
  return meetingModal({
    ...(details.value.meeting ? { meeting: details.value.meeting } : {}),
    publish: meta.publish,
    meta: encodeMeta(meta),
  });
}

export async function deleteForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  origin?: Origin,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  if (!details.value.session.actions.includes('deleteSession')) {
    return new DomainError(ErrorCode.NotEditable, 'This session can no longer be deleted.');
  }
  const meta: SessionMeta = { s: sessionId, ...(origin ? { origin } : {}) };
  return deleteModal(details.value.session, encodeMeta(meta));
}

export async function cloneForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  origin?: Origin,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  const card = details.value.session;
  if (!card.actions.includes('cloneSession'))
    return new DomainError(
      ErrorCode.Forbidden,
      "Only this session's mentors can book the next one.",
    );
  // Suggest the same time a week after the original, or a week from today if that has passed.
  const zone = person.timeZone;
  const start = new Date(card.start.utc);
  const end = new Date(card.end.utc);
  const weeks = Math.max(1, Math.ceil((Date.now() - start.getTime()) / (7 * 86_400_000)) + 1);
  const shift = (at: Date) => ({
    date: addLocalDays(localDateOf(at, zone), 7 * weeks),
    time: localTimeOf(at, zone),
  });
  const meta: SessionMeta = { s: sessionId, ...(origin ? { origin } : {}) };
  return cloneModal({
    card,
    start: shift(start),
    end: shift(end),
    timeZone: zone,
    meta: encodeMeta(meta),
  });
}

export async function menteeListForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
): Promise<ModalView | DomainError> {
  const list = await menteeList(ctx.core, { actor: { personId: person.id }, input: { sessionId } });
  return list.ok ? menteeListModal(list.value, sessionId) : list.error;
}
