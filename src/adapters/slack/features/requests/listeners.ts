import type { Register } from '../../context.js';
import { refOfCommand, refOfInteraction } from '../../identity.js';
import { Action, Command } from '../../ids.js';
import { option } from '../../kit.js';
import { type CommandArgs, onCommand, onPressOpen, onPressReplace } from '../../listen.js';
import { decodeMeta, openModal } from '../../modal.js';
import { createSessionForm } from '../sessions/forms.js';
import { clonedMessage } from '../sessions/views.js';
import { offerForm, requestForm } from './forms.js';
import { parseRequest } from './parse.js';
import { registerRequestSubmissions } from './submissions.js';
import { declinedMessage, dismissedMessage, requestSentText } from './views.js';

/**
 * Mentorship requests (docs/product.md#mentorship-requests): `/request-session`, *Request a Session* and its mentor picker,
 * *I want to mentor you!*, and the answers in the request DMs: the mentor's *Schedule
 * session* (the create form, with the mentee invited) and *Decline*, the mentee's *Dismiss*
 * of a mentor's offer, which tells nobody.
 */
/** A request button's value: the request id (`{"r": id}` on messages sent before). */
const requestIdOf = (value: string) => decodeMeta<{ r: string }>(value).r ?? value;

export const registerRequests: Register = (app, ctx) => {
  // With a mentor named, the request goes at once; without one, the modal opens.
  const direct = onCommand(ctx, async (run) => {
    const { mentorUser, message } = parseRequest(run.text);
    const result = await ctx.mentorship.requestSession({
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
  app.command(Command.requestSession, async (args: CommandArgs) => {
    if (parseRequest(args.command.text).mentorUser) return direct(args);
    // No real mention (`@name` typed as text, or no name): the form opens with the words.
    const text = args.command.text;
    await args.ack();
    await openModal(
      ctx.logger,
      args.client,
      {
        triggerId: args.command.trigger_id,
        title: 'Request a session',
        onBusy: (text) => args.respond({ response_type: 'ephemeral', text }).then(() => {}),
      },
      async () => {
        const person = await ctx.people.actor(args.client, refOfCommand(args.command));
        return person.ok ? requestForm(ctx, person.value, undefined, text) : person.error;
      },
    );
  });

  app.action(
    Action.openRequestSession,
    onPressOpen(ctx, 'Request a session', (person, value) => {
      // A mentor id, or (another session like this one) `{"m": mentor, "s": session}`.
      const another = decodeMeta<{ m: string; s: string }>(value);
      const mentorId = another.m ?? value;
      return requestForm(ctx, person, mentorId || undefined, undefined, another.s);
    }),
  );

  // The mentor picker of the request modal: options served as the person types (max 100).
  app.options(Action.mentorPicker, async ({ ack, body, client }) => {
    const person = await ctx.people.actor(client, refOfInteraction(body as never));
    const text = typeof body.value === 'string' ? body.value.trim().slice(0, 100) : '';
    const found = person.ok
      ? await ctx.mentorship.findMentors({
          actor: { personId: person.value.id },
          input: text ? { text, limit: 100 } : { limit: 100 },
        })
      : undefined;
    const mentors = found?.ok ? found.value.mentors : [];
    await ack({
      options: mentors.map((m) =>
        option(m.headline ? `${m.mentor.name} · ${m.headline}` : m.mentor.name, m.mentor.id),
      ),
    });
  });

  app.action(
    Action.offerMentoring,
    onPressOpen(ctx, 'I want to mentor you!', (person, menteeId, origin) =>
      offerForm(ctx, person, menteeId, origin),
    ),
  );

  app.action(
    Action.scheduleRequest,
    onPressOpen(ctx, 'Schedule session', (person, value, origin) =>
      createSessionForm(ctx, person, { requestId: requestIdOf(value), origin }),
    ),
  );

  // *Book the next one* on a request for another session like one of the mentor's: the clone
  // at the same time a week on, in one press; the mentee is told their request is scheduled.
  app.action(
    Action.cloneForRequest,
    onPressReplace(
      ctx,
      (p) => {
        const { r, s } = decodeMeta<{ r: string; s: string }>(p.value);
        return ctx.mentorship.cloneSession({
          actor: { personId: p.person.id },
          input: { sessionId: s ?? '', requestId: r ?? '' },
          idempotencyKey: p.key,
        });
      },
      (value) => clonedMessage(value.session),
    ),
  );

  app.action(
    Action.declineRequest,
    onPressReplace(
      ctx,
      (p) =>
        ctx.mentorship.declineRequest({
          actor: { personId: p.person.id },
          input: { requestId: requestIdOf(p.value) },
          idempotencyKey: p.key,
        }),
      (value) => declinedMessage(value.request),
    ),
  );

  app.action(
    Action.dismissOffer,
    onPressReplace(
      ctx,
      (p) =>
        ctx.mentorship.dismissOffer({
          actor: { personId: p.person.id },
          input: { requestId: p.value },
          idempotencyKey: p.key,
        }),
      (value) => dismissedMessage(value.request),
    ),
  );

  registerRequestSubmissions(app, ctx);
};
