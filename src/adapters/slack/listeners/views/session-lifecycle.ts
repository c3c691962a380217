import { cloneSession, deleteSession, getSessionDetails } from '../../../../core/sessions/index.js';
import { clonedMessage, deletedMessage } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import type { SessionMeta } from '../../flows/forms.js';
import { timesOf } from '../../forms/session.js';
import { View } from '../../ids.js';
import { decodeMeta, updateSource } from '../../interaction.js';
import { onSubmit } from './run.js';

/**
 * The delete confirmation (docs/product.md#deleting: only with an explicit yes) and *Book the
 * next one* (clone).
 */
export const registerSessionLifecycle: Register = (app, ctx) => {
  app.view(
    View.DeleteSession,
    onSubmit(
      ctx,
      async (s) => {
        const meta = decodeMeta<SessionMeta>(s.view.private_metadata);
        const actor = { personId: s.person.id };
        const before = await getSessionDetails(ctx.core, {
          actor,
          input: { sessionId: meta.s ?? '' },
        });
        const deleted = await deleteSession(ctx.core, {
          actor,
          input: { sessionId: meta.s ?? '', confirm: true },
          idempotencyKey: s.key,
        });
        if (!deleted.ok) return deleted;
        return {
          ok: true as const,
          value: { title: before.ok ? before.value.session.title : 'The session', meta },
        };
      },
      ({ title, meta }, s) => ({
        response: { response_action: 'clear' },
        after: async () => {
          if (meta.src)
            await updateSource(ctx, s.client, meta.src, s.person, deletedMessage(title));
        },
      }),
      'Delete session',
    ),
  );

  app.view(
    View.CloneSession,
    onSubmit(
      ctx,
      async (s) => {
        const meta = decodeMeta<SessionMeta>(s.view.private_metadata);
        const cloned = await cloneSession(ctx.core, {
          actor: { personId: s.person.id },
          input: { sessionId: meta.s ?? '', ...timesOf(s.state) },
          idempotencyKey: s.key,
        });
        return cloned.ok ? { ok: true as const, value: { ...cloned.value, meta } } : cloned;
      },
      ({ session, meta }, s) => ({
        response: { response_action: 'clear' },
        after: async () => {
          if (meta.src)
            await updateSource(ctx, s.client, meta.src, s.person, clonedMessage(session));
        },
      }),
      'Book the next one',
    ),
  );
};
