import { DomainError } from '../../../../core/errors.js';
import type { Person } from '../../../../core/people/person.js';
import type { RequestFormInput } from '../../../../core/requests/form.js';
import type { SlackContext } from '../../context.js';
import type { ModalView } from '../../kit.js';
import { encodeMeta } from '../../modal.js';
import type { Origin } from '../../origin.js';
import { requestSessionModal, sendOfferModal } from './modals.js';

/**
 * The request forms, from the core's `requestForm`: it answers a switched-off feature, a
 * missing role or an open request for the pair before anything is filled in.
 */
async function formOf(ctx: SlackContext, person: Person, input: RequestFormInput) {
  const form = await ctx.mentorship.requestForm({ actor: { personId: person.id }, input });
  return form.ok ? form.value : form.error;
}

/** *Request a Session*, to `mentorId` or with the mentor picker. */
export async function requestForm(
  ctx: SlackContext,
  person: Person,
  mentorId?: string,
  typed?: string,
  likeSessionId?: string,
): Promise<ModalView | DomainError> {
  // Without a mentor the picker serves them as the person types: none are listed here.
  const form = await formOf(ctx, person, {
    kind: 'session',
    ...(mentorId ? { mentorId } : { limit: 1 }),
    ...(!mentorId && typed?.trim() ? { text: typed } : {}),
    ...(mentorId && likeSessionId ? { sessionId: likeSessionId } : {}),
  });
  if (form instanceof DomainError) return form;
  if (form.kind !== 'session') throw new Error(`requestForm answered a ${form.kind} form`);
  return requestSessionModal(form);
}

/** *I want to mentor you!* to `menteeId`. */
export async function offerForm(
  ctx: SlackContext,
  person: Person,
  menteeId: string,
  origin: Origin,
): Promise<ModalView | DomainError> {
  const form = await formOf(ctx, person, { kind: 'offer', menteeId });
  if (form instanceof DomainError) return form;
  if (form.kind !== 'offer') throw new Error(`requestForm answered a ${form.kind} form`);
  return sendOfferModal(form, encodeMeta({ m: menteeId, origin }));
}
