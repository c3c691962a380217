import { enrol } from '../../../../core/sessions/index.js';
import { enrolledMessage } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import { Action } from '../../ids.js';
import { updateSource } from '../../interaction.js';
import { onPress } from '../run.js';

/**
 * *Enroll*: one atomic seat (docs/product.md#enrolment); the message it was on shows the
 * enrolment instead.
 */
export const registerEnrol: Register = (app, ctx) => {
  app.action(
    Action.Enrol,
    onPress(ctx, async (p) => {
      const result = await enrol(ctx.core, {
        actor: { personId: p.person.id },
        input: { sessionId: p.value },
        idempotencyKey: p.key,
      });
      if (!result.ok) return p.say(result.error.message);
      await updateSource(ctx, p.client, p.source, p.person, enrolledMessage(result.value.session));
    }),
  );
  // A link button still sends an interaction, which must be acknowledged.
  app.action(Action.Join, async ({ ack }) => {
    await ack();
  });
};
