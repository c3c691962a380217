import { bookSlot } from '../../../../core/booking/book-slot.js';
import { noticeModal, sendOfferModal } from '../../blocks/modals.js';
import { bookedMessage } from '../../blocks/results.js';
import type { Register } from '../../context.js';
import { featureCheck, mentorProfileView, requestForm } from '../../flows/forms.js';
import { Action } from '../../ids.js';
import { decodeMeta, encodeMeta, updateSource } from '../../interaction.js';
import { onPress, onPressOpen } from '../run.js';

/**
 * Mentorship buttons (docs/product.md#profiles, #mentorship-requests, #booking): *I want to
 * mentor you!*, *Request a Session*, a mentor's profile, and *Book* on one of their free slots.
 */
export const registerMentoring: Register = (app, ctx) => {
  app.action(
    Action.OfferMentoring,
    onPressOpen(ctx, 'I want to mentor you!', async (person, menteeId, src) => {
      const off = await featureCheck(ctx, person, 'mentorRequests');
      if (off) return off;
      return sendOfferModal({ menteeId, menteeName: '', meta: encodeMeta({ m: menteeId, src }) });
    }),
  );

  app.action(
    Action.OpenRequestSession,
    onPressOpen(ctx, 'Request a session', (person, mentorId) =>
      requestForm(ctx, person, mentorId || undefined),
    ),
  );

  app.action(
    Action.ViewMentorProfile,
    onPressOpen(ctx, 'Mentor profile', (person, mentorId) =>
      mentorProfileView(ctx, person, mentorId),
    ),
  );

  app.action(
    Action.BookSlot,
    onPress(ctx, async (p) => {
      const { m, s } = decodeMeta<{ m: string; s: string }>(p.value);
      const result = await bookSlot(ctx.core, {
        actor: { personId: p.person.id },
        input: { mentorId: m ?? '', startsAt: s ?? '' },
        idempotencyKey: p.key,
      });
      if (!result.ok) return p.say(result.error.message);
      const done = bookedMessage(result.value.session);
      if (p.source.t === 'v') {
        await p.client.views
          .update({
            view_id: p.source.id,
            view: { ...noticeModal('Booked', done.text), blocks: done.blocks },
          })
          .catch((err: unknown) => ctx.logger.warn({ err }, 'slack: could not update the profile'));
      } else {
        await updateSource(ctx, p.client, p.source, p.person, done);
      }
    }),
  );
};
