import { requestSession } from '../../../../core/requests/request-session.js';
import { sendMentorOffer } from '../../../../core/requests/send-mentor-offer.js';
import { noticeModal } from '../../blocks/modals.js';
import { offerSentMessage, requestSentText } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import { FormState } from '../../forms/state.js';
import { Field, View } from '../../ids.js';
import { decodeMeta, type Source, updateSource } from '../../interaction.js';
import { onSubmit } from './run.js';

/**
 * The request modal (docs/product.md#mentee-asks-a-mentor) and *Send Request* of "I want to
 * mentor you!" (docs/product.md#mentor-offers-to-mentor).
 */
export const registerRequestViews: Register = (app, ctx) => {
  app.view(
    View.RequestSession,
    onSubmit(
      ctx,
      (s) =>
        requestSession(ctx.core, {
          actor: { personId: s.person.id },
          input: {
            mentorId: s.state.selected(Field.Mentor) ?? '',
            message: s.state.text(Field.Message),
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
    View.SendOffer,
    onSubmit(
      ctx,
      (s) => {
        const meta = decodeMeta<{ m: string }>(s.view.private_metadata);
        return sendMentorOffer(ctx.core, {
          actor: { personId: s.person.id },
          input: { menteeId: meta.m ?? '', message: new FormState(s.view).text(Field.Message) },
          idempotencyKey: s.key,
        });
      },
      (result, s) => {
        const src = decodeMeta<{ src: Source }>(s.view.private_metadata).src;
        const done = offerSentMessage(result.request);
        return {
          response: { response_action: 'update', view: noticeModal('Request sent', done.text) },
          after: async () => {
            if (src && src.t !== 'v') await updateSource(ctx, s.client, src, s.person, done);
          },
        };
      },
      'I want to mentor you!',
    ),
  );
};
