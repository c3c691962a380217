import type { CommandArgs } from '../../../../core/api.js';
import { notFound, ok, type Result } from '../../../../core/errors.js';
import type { SessionResult } from '../../../../core/sessions/index.js';
import type { Register, SlackContext } from '../../context.js';
import { View } from '../../ids.js';
import type { Message } from '../../kit.js';
import { decodeMeta, encodeMeta } from '../../modal.js';
import { type Origin, updateOrigin } from '../../origin.js';
import { onSubmit, type Submission } from '../../submit.js';
import type { DetailsMeta, MeetingMeta, SessionMeta } from './forms.js';
import { slackImage } from './image.js';
import { meetingModal } from './modals.js';
import { meetingOf, sessionFormOf, timesOf } from './parse.js';
import { clonedMessage, deletedMessage, publishedMessage, savedMessage } from './views.js';

/** Step 1 saved: a new draft, or the edited details (with the meeting, for step 2). */
async function save(
  ctx: SlackContext,
  s: Submission,
  meta: Partial<DetailsMeta>,
): Promise<Result<SessionResult>> {
  const form = sessionFormOf(s.state);
  const tenant = s.person.tenantId;
  // People picked in the form become known to the core before it checks them.
  const mentees = await ctx.people.others(s.client, tenant, form.menteeUsers);
  if (!mentees.ok) return mentees;
  const mentors = form.mentorUsers
    ? await ctx.people.others(s.client, tenant, form.mentorUsers)
    : undefined;
  if (mentors && !mentors.ok) return mentors;
  // The picked image file, with its type and size as Slack knows them; the core checks them.
  const image = form.imageFileId
    ? await slackImage(s.client, form.imageFileId, ctx.logger)
    : undefined;
  if (image && !image.ok) return image;
  const picked = {
    menteeIds: mentees.value,
    ...(mentors?.ok ? { mentorIds: mentors.value } : {}),
    ...(image?.ok ? { imageFile: image.value } : {}),
  };
  const actor = { personId: s.person.id };
  if (meta.mode === 'edit') {
    if (!meta.s) return { ok: false, error: notFound('session') };
    return ctx.mentorship.editSession({
      actor,
      input: {
        sessionId: meta.s,
        ...(meta.v !== undefined ? { version: meta.v } : {}),
        ...form.input,
        ...picked,
      },
      idempotencyKey: s.key,
    });
  }
  return ctx.mentorship.createSession({
    actor,
    input: { ...form.input, ...picked, ...(meta.r ? { requestId: meta.r } : {}) },
    idempotencyKey: s.key,
  });
}

/** A session command's result with the modal's metadata, which the answer needs too. */
async function withMeta<M, T>(meta: M, result: Promise<Result<T>>) {
  const done = await result;
  return done.ok ? ok({ ...done.value, meta }) : done;
}

/**
 * A command on the session the modal is about (its metadata's `s`), with the inputs `input`
 * reads; the metadata is kept for the answer.
 */
function onSession<M extends { s?: string | undefined }, T>(
  command: (meta: Partial<M>, request: CommandArgs) => Promise<Result<T>>,
  input: (s: Submission) => object,
) {
  return (s: Submission) => {
    const meta = decodeMeta<M>(s.view.private_metadata);
    const request = {
      actor: { personId: s.person.id },
      input: { sessionId: meta.s ?? '', ...input(s) },
      idempotencyKey: s.key,
    };
    return withMeta(meta, command(meta, request));
  };
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
 * The session forms' submissions (docs/product.md#sessions). Step 1, the details: creating
 * stores a draft and pushes the meeting link form as step 2, which publishes it; editing
 * saves the details, then offers the meeting link the same way. The form's version makes a
 * stale form fail.
 */
export const registerSessionSubmissions: Register = (app, ctx) => {
  const m = ctx.mentorship;
  app.view(
    View.sessionDetails,
    onSubmit(
      ctx,
      async (s) => {
        const meta = decodeMeta<DetailsMeta>(s.view.private_metadata);
        const saved = await save(ctx, s, meta);
        if (!saved.ok || (meta.dp && meta.mp)) return withMeta(meta, Promise.resolve(saved));
        // A form opened without step 2's choices: the core's meeting form gives them.
        const form = await m.sessionForm({
          actor: { personId: s.person.id },
          input: { mode: 'meeting', sessionId: saved.value.session.id },
        });
        if (!form.ok) return form;
        const { choices, defaults } = form.value;
        return ok({
          ...saved.value,
          meta: { ...meta, mp: choices.meetingPlatforms, dp: defaults.meetingPlatform },
        });
      },
      ({ session, meeting, meta }) => {
        const publish = session.status === 'draft';
        const next: MeetingMeta = {
          s: session.id,
          publish,
          ...(meta.origin ? { origin: meta.origin } : {}),
        };
        // A new draft has no meeting yet: the workspace's default platform is offered.
        const platform = meeting?.platform ?? meta.dp;
        if (!platform) return { response: { response_action: 'clear' } };
        const view = meetingModal({
          meeting: meeting ?? { platform },
          platforms: meta.mp ?? [platform],
          publish,
          meta: encodeMeta(next),
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
      onSession<MeetingMeta, SessionResult>(
        (meta, r) => (meta.publish ? m.publishSession(r) : m.editMeeting(r)),
        (s) => ({ meeting: meetingOf(s.state) }),
      ),
      ({ session, meta }, s) =>
        closeAndShow(
          ctx,
          s,
          meta.origin,
          meta.publish ? publishedMessage(session) : savedMessage(session),
        ),
      'Meeting link',
    ),
  );

  // The delete confirmation (only with an explicit yes).
  app.view(
    View.deleteSession,
    onSubmit(
      ctx,
      onSession<SessionMeta, { sessionId: string }>(
        (_meta, r) => m.deleteSession(r),
        () => ({ confirm: true }),
      ),
      ({ meta }, s) => closeAndShow(ctx, s, meta.origin, deletedMessage(meta.t ?? 'The session')),
      'Delete session',
    ),
  );

  // *Book the next one*: a clone at the chosen times.
  app.view(
    View.cloneSession,
    onSubmit(
      ctx,
      onSession<SessionMeta, SessionResult>(
        (_meta, r) => m.cloneSession(r),
        (s) => timesOf(s.state),
      ),
      ({ session, meta }, s) => closeAndShow(ctx, s, meta.origin, clonedMessage(session)),
      'Book the next one',
    ),
  );
};
