import type { FreeTimesPageInput } from '../../../../core/booking/free-times.js';
import type { Person } from '../../../../core/people/person.js';
import type { SlackContext } from '../../context.js';
import { modalOf } from '../../listen.js';
import { menteeProfileModal, mentorProfileFormModal, mentorProfileModal } from './modals.js';

/**
 * A mentor's profile, with what the reader may do there (request, book), on the page of free
 * times asked for (the first by default).
 */
export const mentorProfileView = (
  ctx: SlackContext,
  person: Person,
  mentorId: string,
  page: FreeTimesPageInput = {},
) =>
  modalOf(
    ctx.mentorship.mentorProfile({ actor: { personId: person.id }, input: { ...page, mentorId } }),
    mentorProfileModal,
  );

export const menteeProfileForm = (ctx: SlackContext, person: Person) =>
  modalOf(ctx.mentorship.menteeProfileForm({ actor: { personId: person.id } }), menteeProfileModal);

/** Refused with the core's sentence (which admin to ask) where the person may not edit it. */
export const mentorProfileForm = (ctx: SlackContext, person: Person) =>
  modalOf(
    ctx.mentorship.mentorProfileForm({ actor: { personId: person.id } }),
    mentorProfileFormModal,
  );
