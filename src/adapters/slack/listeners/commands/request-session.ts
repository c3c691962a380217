import { requestSession } from '../../../../core/requests/request-session.js';
import { requestSentText } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import { requestForm } from '../../flows/forms.js';
import { Command } from '../../ids.js';
import { openModal, refOfCommand } from '../../interaction.js';
import { type CommandArgs, onCommand } from './run.js';

/** `<@U123|ada> let's talk careers` -> U123 and the message (commands escape mentions). */
export function parseRequest(text: string): { mentorUser?: string; message: string } {
  const match = /^\s*<@([UW][A-Z0-9]+)(?:\|[^>]*)?>\s*([\s\S]*)$/.exec(text);
  return match
    ? { mentorUser: match[1] as string, message: (match[2] ?? '').trim() }
    : { message: text.trim() };
}

/**
 * `/request-session [@mentor] [message]` (docs/product.md#mentee-asks-a-mentor): with a mentor,
 * the request goes at once; without one, the request modal opens with a mentor picker.
 */
export const registerRequestSession: Register = (app, ctx) => {
  const direct = onCommand(ctx, async (run) => {
    const { mentorUser, message } = parseRequest(run.text);
    const result = await requestSession(ctx.core, {
      actor: { personId: run.person.id },
      input: { mentorId: ctx.people.personId(run.person.tenantId, mentorUser ?? ''), message },
      idempotencyKey: run.key,
    });
    await run.reply(
      result.ok
        ? requestSentText(result.value.request, result.value.outcome)
        : result.error.message,
    );
  });

  app.command(Command.RequestSession, async (args: CommandArgs) => {
    if (parseRequest(args.command.text).mentorUser) return direct(args);
    await args.ack();
    await openModal(
      ctx,
      args.client,
      {
        triggerId: args.command.trigger_id,
        title: 'Request a session',
        onBusy: (text) => args.respond({ response_type: 'ephemeral', text }).then(() => {}),
      },
      async () => {
        const person = await ctx.people.actor(args.client, refOfCommand(args.command));
        return person.ok ? requestForm(ctx, person.value) : person.error;
      },
    );
  });
};
