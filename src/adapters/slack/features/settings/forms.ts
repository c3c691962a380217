import type { Person } from '../../../../core/people/person.js';
import type { SlackContext } from '../../context.js';
import { modalOf } from '../../listen.js';
import { rolesModal, settingsModal } from './modals.js';

/** The admin forms, from the core's `settingsForm`: shown only to those it lets read them. */
const settings = (ctx: SlackContext, person: Person) =>
  ctx.mentorship.settingsForm({ actor: { personId: person.id } });

export const settingsForm = (ctx: SlackContext, person: Person) =>
  modalOf(settings(ctx, person), settingsModal);
export const rolesForm = (ctx: SlackContext, person: Person) =>
  modalOf(settings(ctx, person), rolesModal);
