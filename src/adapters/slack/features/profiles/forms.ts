import { DomainError, ErrorCode } from '../../../../core/errors.js';
import { getMentorProfile } from '../../../../core/people/mentor-profile.js';
import { getMyProfile } from '../../../../core/people/my-profile.js';
import type { Person } from '../../../../core/people/person.js';
import type { SlackContext } from '../../context.js';
import type { ModalView } from '../../kit.js';
import { workspaceOf } from '../settings/forms.js';
import { menteeProfileModal, mentorProfileFormModal, mentorProfileModal } from './modals.js';

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
  if (!profile.value.actions.includes('editMentorProfile')) {
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
