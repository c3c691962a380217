import { DomainError, ErrorCode } from '../../../../core/errors.js';
import { getMentorProfile } from '../../../../core/people/mentor-profile.js';
import type { Person } from '../../../../core/people/person.js';
import type { SlackContext } from '../../context.js';
import type { ModalView } from '../../kit.js';
import { featureCheck } from '../settings/forms.js';
import { requestSessionModal } from './modals.js';

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
  if (!profile.value.actions.includes('requestSession')) {
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
