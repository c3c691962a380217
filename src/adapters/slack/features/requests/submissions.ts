import type { Register } from '../../context.js';
import { Field, View } from '../../ids.js';
import { decodeMeta, noticeModal } from '../../modal.js';
import { type Origin, updateOrigin } from '../../origin.js';
import { onSubmit } from '../../submit.js';
import { offerSentMessage, requestSentText } from './views.js';

/**
 * The request modal (docs/product.md#mentee-asks-a-mentor) and *Send Request* of "I want to
 * mentor you!" (docs/product.md#mentor-offers-to-mentor).
 */
export const registerRequestSubmissions: Register = (app, ctx) => {
  app.view(
    View.requestSession,
    onSubmit(
      ctx,
      (s) =>
        ctx.mentorship.requestSession({
          actor: { personId: s.person.id },
          input: {
            mentorId: s.state.selected(Field.mentor) ?? '',
            message: s.state.text(Field.message),
            // Another session like this one: the session the form was opened from.
            ...(decodeMeta<{ s: string }>(s.view.private_metadata).s
              ? { sessionId: decodeMeta<{ s: string }>(s.view.private_metadata).s }
              : {}),
          },
          idempotencyKey: s.key,
        }),
      (result) => ({
        response: {
          response_action: 'update',
          view: noticeModal('Request sent', requestSentText(result.request, result.outcome)),
        },
      }),
      'Request a session',
    ),
  );

  app.view(
    View.sendOffer,
    onSubmit(
      ctx,
      (s) => {
        const meta = decodeMeta<{ m: string }>(s.view.private_metadata);
        return ctx.mentorship.sendMentorOffer({
          actor: { personId: s.person.id },
          input: { menteeId: meta.m ?? '', message: s.state.text(Field.message) },
          idempotencyKey: s.key,
        });
      },
      (result, s) => {
        const origin = decodeMeta<{ origin: Origin }>(s.view.private_metadata).origin;
        const done = offerSentMessage(result.request);
        return {
          response: { response_action: 'update', view: noticeModal('Request sent', done.text) },
          after: async () => {
            if (origin && origin.t !== 'v')
              await updateOrigin(ctx, s.client, origin, s.person, done);
          },
        };
      },
      'I want to mentor you!',
    ),
  );
};
