import { notFound, ok, type Result } from '../../../../core/errors.js';
import {
  cloneSession,
  createSession,
  deleteSession,
  editMeeting,
  editSessionDetails,
  getSessionDetails,
  publishSession,
} from '../../../../core/sessions/index.js';
import type { MeetingInfo } from '../../../../core/sessions/session.js';
import type { SessionCard } from '../../../../core/views.js';
import type { Register, SlackContext } from '../../context.js';
import { View } from '../../ids.js';
import type { Message } from '../../kit.js';
import { onSubmit, type Submission } from '../../listen.js';
import { decodeMeta, encodeMeta } from '../../modal.js';
import { type Origin, updateOrigin } from '../../origin.js';
import type { DetailsMeta, MeetingMeta, SessionMeta } from './forms.js';
import { meetingModal } from './modals.js';
import { meetingOf, sessionFormOf, timesOf } from './parse.js';
import { clonedMessage, deletedMessage, publishedMessage, savedMessage } from './views.js';

interface Saved {
  readonly session: SessionCard;
  readonly meeting?: MeetingInfo;
  readonly origin?: Origin;
}

async function save(ctx: SlackContext, s: Submission): Promise<Result<Saved>> {
  const meta = decodeMeta<DetailsMeta>(s.view.private_metadata);
  const form = sessionFormOf(s.state);
  const tenant = s.person.tenantId;
  // People picked in the form become known to the core before it checks them.
  const mentees = await ctx.people.others(s.client, tenant, form.menteeUsers);
  if (!mentees.ok) return mentees;
  const mentors = form.mentorUsers
    ? await ctx.people.others(s.client, tenant, form.mentorUsers)
    : undefined;
  if (mentors && !mentors.ok) return mentors;
  const people = { menteeIds: mentees.value, ...(mentors?.ok ? { mentorIds: mentors.value } : {}) };
  const actor = { personId: s.person.id };
  const origin = meta.origin ? { origin: meta.origin } : {};
  if (meta.mode === 'edit') {
    if (!meta.s) return { ok: false, error: notFound('session') };
    const saved = await editSessionDetails(ctx.core, {
      actor,
      input: {
        sessionId: meta.s,
        ...(meta.v !== undefined ? { version: meta.v } : {}),
        ...form.input,
        ...people,
      },
      idempotencyKey: s.key,
    });
    if (!saved.ok) return saved;
    const details = await getSessionDetails(ctx.core, { actor, input: { sessionId: meta.s } });
    if (!details.ok) return details;
    return ok({
      session: details.value.session,
      ...(details.value.meeting ? { meeting: details.value.meeting } : {}),
      ...origin,
    });
  }
  const created = await createSession(ctx.core, {
    actor,
    input: { ...form.input, ...people, ...(meta.r ? { requestId: meta.r } : {}) },
    idempotencyKey: s.key,
  });
  return created.ok ? ok({ session: created.value.session, ...origin }) : created;
}

/** Closes the whole modal stack; the message the flow began on shows `done`. */
const closeAndShow = (
  ctx: SlackContext,
  s: Submission,
  origin: Origin | undefined,
  done: Message,
) => ({
  response: { response_action: 'clear' },
  after: async () => {
    if (origin) await updateOrigin(ctx, s.client, origin, s.person, done);
  },
});

/**
 * The session forms' submissions (docs/product.md#sessions). Step 1, the details: creating stores a draft and
 * pushes the meeting link form as step 2, which publishes it; editing saves the details,
 * then offers the meeting link the same way. The form's version makes a stale form fail.
 */
export const registerSessionSubmissions: Register = (app, ctx) => {
  app.view(
    View.sessionDetails,
    onSubmit(
      ctx,
      (s) => save(ctx, s),
      (saved) => {
        const publish = saved.session.status === 'draft';
        const meta: MeetingMeta = {
          s: saved.session.id,
          publish,
          ...(saved.origin ? { origin: saved.origin } : {}),
        };
        const view = meetingModal({
          ...(saved.meeting ? { meeting: saved.meeting } : {}),
          publish,
          meta: encodeMeta(meta),
        });
        return { response: { response_action: 'push', view } };
      },
      'Session',
    ),
  );

  // Step 2, the meeting link: for a draft it publishes (and, for a session scheduled from a
  // request, marks the request scheduled and tells the mentee); otherwise it saves the link,
  // which may change while the session is live.
  app.view(
    View.sessionMeeting,
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
        return result.ok ? ok({ ...result.value, meta }) : result;
      },
      ({ session, meta }, s) =>
        closeAndShow(
          ctx,
          s,
          meta.origin,
          (meta.publish ? publishedMessage : savedMessage)(session),
        ),
      'Meeting link',
    ),
  );

  // The delete confirmation (only with an explicit yes).
  app.view(
    View.deleteSession,
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
        return ok({ title: before.ok ? before.value.session.title : 'The session', meta });
      },
      ({ title, meta }, s) => closeAndShow(ctx, s, meta.origin, deletedMessage(title)),
      'Delete session',
    ),
  );

  // *Book the next one*: a clone at the chosen times.
  app.view(
    View.cloneSession,
    onSubmit(
      ctx,
      async (s) => {
        const meta = decodeMeta<SessionMeta>(s.view.private_metadata);
        const cloned = await cloneSession(ctx.core, {
          actor: { personId: s.person.id },
          input: { sessionId: meta.s ?? '', ...timesOf(s.state) },
          idempotencyKey: s.key,
        });
        return cloned.ok ? ok({ ...cloned.value, meta }) : cloned;
      },
      ({ session, meta }, s) => closeAndShow(ctx, s, meta.origin, clonedMessage(session)),
      'Book the next one',
    ),
  );
};
