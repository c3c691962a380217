import { editMeeting, publishSession } from '../../../../core/sessions/index.js';
import { publishedMessage, savedMessage } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import type { MeetingMeta } from '../../flows/forms.js';
import { meetingOf } from '../../forms/session.js';
import { View } from '../../ids.js';
import { decodeMeta, updateSource } from '../../interaction.js';
import { onSubmit } from './run.js';

/**
 * Step 2 (docs/product.md#meeting-link): the meeting link. For a draft it publishes (and, for a
 * session scheduled from a request, marks the request scheduled and tells the mentee);
 * otherwise it saves the link, which may change while the session is live. The whole modal
 * stack closes and the message the flow began on shows the result.
 */
export const registerSessionMeeting: Register = (app, ctx) => {
  app.view(
    View.SessionMeeting,
    onSubmit(
      ctx,
      async (s) => {
        const meta = decodeMeta<MeetingMeta>(s.view.private_metadata);
        const request = {
          actor: { personId: s.person.id },
          input: { sessionId: meta.s ?? '', meeting: meetingOf(s.state) },
          idempotencyKey: s.key,
        };
        const result = meta.publish
          ? await publishSession(ctx.core, request)
          : await editMeeting(ctx.core, request);
        return result.ok ? { ok: true as const, value: { ...result.value, meta } } : result;
      },
      ({ session, meta }, s) => ({
        response: { response_action: 'clear' },
        after: async () => {
          if (!meta.src) return;
          const done = meta.publish ? publishedMessage(session) : savedMessage(session);
          await updateSource(ctx, s.client, meta.src, s.person, done);
        },
      }),
      'Meeting link',
    ),
  );
};
