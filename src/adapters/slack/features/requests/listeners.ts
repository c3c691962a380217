import { findMentors } from '../../../../core/people/find-mentors.js';
import { declineRequest } from '../../../../core/requests/decline-request.js';
import { dismissOffer } from '../../../../core/requests/dismiss-offer.js';
import { requestSession } from '../../../../core/requests/request-session.js';
import type { Register } from '../../context.js';
import { refOfCommand, refOfInteraction } from '../../identity.js';
import { Action, Command } from '../../ids.js';
import { option } from '../../kit.js';
import { type CommandArgs, onCommand, onPressOpen, onPressReplace } from '../../listen.js';
import { decodeMeta, encodeMeta, openModal } from '../../modal.js';
import { createSessionForm } from '../sessions/forms.js';
import { featureCheck } from '../settings/forms.js';
import { requestForm } from './forms.js';
import { sendOfferModal } from './modals.js';
import { parseRequest } from './parse.js';
import { registerRequestSubmissions } from './submissions.js';
import { declinedMessage, dismissedMessage, requestSentText } from './views.js';

/**
 * Mentorship requests (docs/product.md#mentorship-requests): `/request-session`, *Request a Session* and its mentor picker,
 * *I want to mentor you!*, and the answers in the request DMs: the mentor's *Schedule
 * session* (the create form, with the mentee invited) and *Decline*, the mentee's *Dismiss*
 * of a mentor's offer, which tells nobody.
 */
export const registerRequests: Register = (app, ctx) => {
  // With a mentor named, the request goes at once; without one, the modal opens.
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
  app.command(Command.requestSession, async (args: CommandArgs) => {
    if (parseRequest(args.command.text).mentorUser) return direct(args);
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
        return person.ok ? requestForm(ctx, person.value) : person.error;
      },
    );
  });

  app.action(
    Action.openRequestSession,
    onPressOpen(ctx, 'Request a session', (person, mentorId) =>
      requestForm(ctx, person, mentorId || undefined),
    ),
  );

  // The mentor picker of the request modal: options served as the person types (max 100).
  app.options(Action.mentorPicker, async ({ ack, body, client }) => {
    const person = await ctx.people.actor(client, refOfInteraction(body as never));
    const text = typeof body.value === 'string' ? body.value.trim().slice(0, 100) : '';
    const found = person.ok
      ? await findMentors(ctx.core, {
          actor: { personId: person.value.id },
          input: text ? { text } : {},
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
    onPressOpen(ctx, 'I want to mentor you!', async (person, menteeId, origin) => {
      const off = await featureCheck(ctx, person, 'mentorRequests');
      if (off) return off;
      return sendOfferModal({
        menteeId,
        menteeName: '',
        meta: encodeMeta({ m: menteeId, origin }),
      });
    }),
  );

  app.action(
    Action.scheduleRequest,
    onPressOpen(ctx, 'Schedule session', (person, value, origin) => {
      const { r, u } = decodeMeta<{ r: string; u: string }>(value);
      return createSessionForm(ctx, person, {
        ...(r ? { requestId: r } : {}),
        ...(u ? { invitedUser: u } : {}),
        origin,
      });
    }),
  );

  app.action(
    Action.declineRequest,
    onPressReplace(
      ctx,
      (p) =>
        declineRequest(ctx.core, {
          actor: { personId: p.person.id },
          input: { requestId: decodeMeta<{ r: string }>(p.value).r ?? '' },
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
        dismissOffer(ctx.core, {
          actor: { personId: p.person.id },
          input: { requestId: p.value },
          idempotencyKey: p.key,
        }),
      (value) => dismissedMessage(value.request),
    ),
  );

  registerRequestSubmissions(app, ctx);
};
