import { notFound, ok, type Result } from '../../../../core/errors.js';
import {
  createSession,
  editSessionDetails,
  getSessionDetails,
} from '../../../../core/sessions/index.js';
import type { MeetingInfo } from '../../../../core/sessions/session.js';
import type { SessionCard } from '../../../../core/views.js';
import { meetingModal } from '../../blocks/modals.js';
import type { Register, SlackContext } from '../../context.js';
import type { DetailsMeta, MeetingMeta } from '../../flows/forms.js';
import { sessionFormOf } from '../../forms/session.js';
import { View } from '../../ids.js';
import { decodeMeta, encodeMeta, type Source } from '../../interaction.js';
import { onSubmit, type Submission } from './run.js';

interface Saved {
  readonly session: SessionCard;
  readonly meeting?: MeetingInfo;
  readonly src?: Source;
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
  const src = meta.src ? { src: meta.src } : {};
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
      ...src,
    });
  }
  const created = await createSession(ctx.core, {
    actor,
    input: { ...form.input, ...people, ...(meta.r ? { requestId: meta.r } : {}) },
    idempotencyKey: s.key,
  });
  return created.ok ? ok({ session: created.value.session, ...src }) : created;
}

/**
 * Step 1 of the create/edit form (docs/product.md#session-fields): the details. Creating stores
 * a draft; the meeting link form is then pushed as step 2, which publishes it. Editing saves
 * the details, then offers the meeting link the same way. The form's version makes a stale form
 * fail.
 */
export const registerSessionDetails: Register = (app, ctx) => {
  app.view(
    View.SessionDetails,
    onSubmit(
      ctx,
      (s) => save(ctx, s),
      (saved) => {
        const publish = saved.session.status === 'draft';
        const meta: MeetingMeta = {
          s: saved.session.id,
          publish,
          ...(saved.src ? { src: saved.src } : {}),
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
};
