import { declineRequest } from '../../../../core/requests/decline-request.js';
import { dismissOffer } from '../../../../core/requests/dismiss-offer.js';
import { declinedMessage, dismissedMessage } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import { createSessionForm } from '../../flows/forms.js';
import { Action } from '../../ids.js';
import { decodeMeta, updateSource } from '../../interaction.js';
import { onPress, onPressOpen } from '../run.js';

/**
 * The request DMs (docs/product.md#mentee-asks-a-mentor): the mentor's *Schedule session* (the
 * create form, with the mentee invited) and *Decline*; the mentee's *Dismiss* of a mentor's
 * offer, which tells nobody.
 */
export const registerAnswerRequest: Register = (app, ctx) => {
  app.action(
    Action.ScheduleRequest,
    onPressOpen(ctx, 'Schedule session', (person, value, src) => {
      const { r, u } = decodeMeta<{ r: string; u: string }>(value);
      return createSessionForm(ctx, person, {
        ...(r ? { requestId: r } : {}),
        ...(u ? { invitedUser: u } : {}),
        src,
      });
    }),
  );

  app.action(
    Action.DeclineRequest,
    onPress(ctx, async (p) => {
      const { r } = decodeMeta<{ r: string }>(p.value);
      const result = await declineRequest(ctx.core, {
        actor: { personId: p.person.id },
        input: { requestId: r ?? '' },
        idempotencyKey: p.key,
      });
      if (!result.ok) return p.say(result.error.message);
      await updateSource(ctx, p.client, p.source, p.person, declinedMessage(result.value.request));
    }),
  );

  app.action(
    Action.DismissOffer,
    onPress(ctx, async (p) => {
      const result = await dismissOffer(ctx.core, {
        actor: { personId: p.person.id },
        input: { requestId: p.value },
        idempotencyKey: p.key,
      });
      if (!result.ok) return p.say(result.error.message);
      await updateSource(ctx, p.client, p.source, p.person, dismissedMessage(result.value.request));
    }),
  );
};
