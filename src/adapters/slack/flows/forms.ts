import { DomainError, ErrorCode } from '../../../core/errors.js';
import { getMentorProfile } from '../../../core/people/mentor-profile.js';
import { getMyProfile } from '../../../core/people/my-profile.js';
import { isSessionManager, type Person } from '../../../core/people/person.js';
import { getSessionDetails, menteeList } from '../../../core/sessions/index.js';
import { addLocalDays, localDateOf, localTimeOf } from '../../../core/time.js';
import { type Feature, requireFeature } from '../../../core/workspaces/features.js';
import { getWorkspaceSettings } from '../../../core/workspaces/settings.js';
import type { Workspace } from '../../../core/workspaces/workspace.js';
import { slackUserOf } from '../blocks/format.js';
import type { ModalView } from '../blocks/kit.js';
import {
  cloneModal,
  deleteModal,
  meetingModal,
  menteeListModal,
  menteeProfileModal,
  mentorProfileFormModal,
  mentorProfileModal,
  requestSessionModal,
  rolesModal,
  sessionDetailsModal,
  settingsModal,
} from '../blocks/modals.js';
import type { SlackContext } from '../context.js';
import { encodeMeta, type Source } from '../interaction.js';

/**
 * Builds the modals that need the database: each answers the view, or the DomainError to
 * show in its place. Listeners open a loading view first (`openModal`), then call these.
 */

export interface DetailsMeta {
  mode: 'create' | 'edit';
  s?: string;
  v?: number;
  r?: string;
  src?: Source;
}
export interface MeetingMeta {
  s: string;
  publish: boolean;
  src?: Source;
}
export interface SessionMeta {
  s: string;
  src?: Source;
}

/** The workspace of a person: its vocabularies and defaults fill the forms. */
async function workspaceOf(ctx: SlackContext, person: Person): Promise<Workspace | DomainError> {
  const workspace = await ctx.core.workspaces.get(person.workspaceId).catch(() => undefined);
  return (
    workspace ??
    new DomainError(
      ErrorCode.TryAgain,
      'Sorry, we could not load your workspace. Please try again.',
    )
  );
}

/**
 * docs/product.md#switched-off-features: a switched-off use case answers with the core's
 * sentence before any form shows.
 */
export async function featureCheck(
  ctx: SlackContext,
  person: Person,
  feature: Feature,
): Promise<DomainError | undefined> {
  const workspace = await workspaceOf(ctx, person);
  return workspace instanceof DomainError ? workspace : requireFeature(workspace, feature);
}

export async function createSessionForm(
  ctx: SlackContext,
  person: Person,
  args: { requestId?: string; invitedUser?: string; src?: Source },
): Promise<ModalView | DomainError> {
  const workspace = await workspaceOf(ctx, person);
  if (workspace instanceof DomainError) return workspace;
  const manager = isSessionManager(person);
  const meta: DetailsMeta = {
    mode: 'create',
    ...(args.requestId ? { r: args.requestId } : {}),
    ...(args.src ? { src: args.src } : {}),
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
  src?: Source,
): Promise<ModalView | DomainError> {
  const [details, workspace] = await Promise.all([
    getSessionDetails(ctx.core, { actor: { personId: person.id }, input: { sessionId } }),
    workspaceOf(ctx, person),
  ]);
  if (!details.ok) return details.error;
  if (workspace instanceof DomainError) return workspace;
  const form = details.value.form;
  if (!form || !details.value.session.actions.edit) {
    return new DomainError(ErrorCode.NotEditable, 'This session can no longer be edited.');
  }
  const manager = isSessionManager(person);
  const meta: DetailsMeta = {
    mode: 'edit',
    s: sessionId,
    v: details.value.version,
    ...(src ? { src } : {}),
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
  src?: Source,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  if (!details.value.session.actions.editMeeting) {
    return new DomainError(
      ErrorCode.NotEditable,
      'The meeting link of this session can no longer change.',
    );
  }
  const meta: MeetingMeta = {
    s: sessionId,
    publish: details.value.session.status === 'draft',
    ...(src ? { src } : {}),
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
  src?: Source,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  if (!details.value.session.actions.delete) {
    return new DomainError(ErrorCode.NotEditable, 'This session can no longer be deleted.');
  }
  const meta: SessionMeta = { s: sessionId, ...(src ? { src } : {}) };
  return deleteModal(details.value.session, encodeMeta(meta));
}

export async function cloneForm(
  ctx: SlackContext,
  person: Person,
  sessionId: string,
  src?: Source,
): Promise<ModalView | DomainError> {
  const details = await getSessionDetails(ctx.core, {
    actor: { personId: person.id },
    input: { sessionId },
  });
  if (!details.ok) return details.error;
  const card = details.value.session;
  if (!card.actions.clone)
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
  const meta: SessionMeta = { s: sessionId, ...(src ? { src } : {}) };
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

export async function requestForm(
  ctx: SlackContext,
  person: Person,
  mentorId?: string,
): Promise<ModalView | DomainError> {
  const off = await featureCheck(ctx, person, 'menteeRequests');
  if (off) return off;
  if (!mentorId) return requestSessionModal({ meta: '' });
  const profile = await getMentorProfile(ctx.core, {
    actor: { personId: person.id },
    input: { mentorId },
  });
  if (!profile.ok) return profile.error;
  if (!profile.value.actions.requestSession) {
    return new DomainError(
      ErrorCode.Conflict,
      `You already have an open request with ${profile.value.mentor.name}. Look under My mentorship requests.`,
    );
  }
  return requestSessionModal({
    mentor: { id: mentorId, name: profile.value.mentor.name },
    meta: '',
  });
}

export async function mentorProfileView(
  ctx: SlackContext,
  person: Person,
  mentorId: string,
): Promise<ModalView | DomainError> {
  const profile = await getMentorProfile(ctx.core, {
    actor: { personId: person.id },
    input: { mentorId },
  });
  return profile.ok ? mentorProfileModal(profile.value) : profile.error;
}

export async function menteeProfileForm(
  ctx: SlackContext,
  person: Person,
): Promise<ModalView | DomainError> {
  const profile = await getMyProfile(ctx.core, { actor: { personId: person.id } });
  return profile.ok ? menteeProfileModal(profile.value.menteeProfile) : profile.error;
}

export async function mentorProfileForm(
  ctx: SlackContext,
  person: Person,
): Promise<ModalView | DomainError> {
  const [profile, workspace] = await Promise.all([
    getMyProfile(ctx.core, { actor: { personId: person.id } }),
    workspaceOf(ctx, person),
  ]);
  if (!profile.ok) return profile.error;
  if (workspace instanceof DomainError) return workspace;
  if (!profile.value.canEditMentorProfile) {
    return new DomainError(
      ErrorCode.FeatureOff,
      'In this workspace only admins make people mentors. Ask a mentorbot admin to give you the mentor role.',
    );
  }
  return mentorProfileFormModal({
    ...(profile.value.mentorProfile ? { profile: profile.value.mentorProfile } : {}),
    timeZone: profile.value.timeZone,
    defaultPlatform: workspace.config.defaultMeetingPlatform,
  });
}

export async function settingsForm(
  ctx: SlackContext,
  person: Person,
): Promise<ModalView | DomainError> {
  const settings = await getWorkspaceSettings(ctx.core, { actor: { personId: person.id } });
  return settings.ok ? settingsModal(settings.value.config) : settings.error;
}

export async function rolesForm(
  ctx: SlackContext,
  person: Person,
): Promise<ModalView | DomainError> {
  const settings = await getWorkspaceSettings(ctx.core, { actor: { personId: person.id } });
  return settings.ok ? rolesModal() : settings.error;
}
