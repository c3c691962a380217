import { z } from 'zod';
import { DomainError, ErrorCode, fail, ok, type Result, validation } from '../errors.js';
import { type CommandContext, type CoreDeps, runCommand } from '../usecase.js';
import { sessionIdSchema } from './fields.js';
import { markRequestScheduled } from './from-request.js';
import { type CommandRequest, managedSession, sessionCancelled, staleSession } from './load.js';
import {
  DEFAULT_MEETING,
  meetingInfoOf,
  meetingSchema,
  openRoom,
  platformProblem,
} from './meeting.js';
import { notifyEach, notifyInvited, resultFor, scheduleJobs } from './notify.js';
import type { SessionResult } from './results.js';
import type { MeetingInfo, Session } from './session.js';

/**
 * Publishes a draft (docs/product.md#lifecycle) inside the running command: stores the meeting
 * (BigBlueButton when none was chosen), marks a request it answers as scheduled, tells the
 * invitees and asks the scheduler for the session's jobs.
 */
export async function publishDraft(
  deps: CoreDeps,
  ctx: CommandContext<unknown>,
  session: Session,
  meeting: MeetingInfo | undefined,
): Promise<Result<Session>> {
  if (session.status === 'cancelled') return fail(sessionCancelled());
  if (session.status !== 'draft') {
    return fail(new DomainError(ErrorCode.AlreadyDone, 'This session is already published.'));
  }
  if (session.startsAt <= ctx.now) {
    return fail(
      new DomainError(
        ErrorCode.NotEditable,
        'The start time of this draft has passed. Change the time, then publish it.',
      ),
    );
  }
  const chosen = meeting ?? session.meeting ?? DEFAULT_MEETING;
  const problem = platformProblem(deps, chosen.platform);
  if (problem) return fail(validation({ 'meeting.platform': problem }));
  const published = await deps.sessions.update(
    session.id,
    session.version,
    ['draft'],
    { status: 'published', meeting: chosen },
    ctx.now,
  );
  if (!published) return fail(staleSession());
  // The room exists from publication on (and is opened again when the session goes Live).
  ctx.effects.after(() => openRoom(deps, published));
  const toldByRequest = await markRequestScheduled(deps, ctx, published);
  await notifyInvited(
    deps,
    ctx,
    published,
    published.invitedIds.filter((id) => id !== toldByRequest),
  );
  // Its other mentors learn they co-mentor it (docs/product.md#changes-are-announced).
  await notifyEach(
    deps,
    ctx,
    published,
    published.mentorIds.filter((id) => id !== ctx.actor.id),
    (card, recipient) => ({
      kind: 'mentorAdded',
      recipient: recipient.id,
      workspaceId: published.workspaceId,
      session: card,
      by: { id: ctx.actor.id, name: ctx.actor.displayName },
    }),
  );
  scheduleJobs(deps, ctx, published);
  return ok(published);
}

const publishSchema = z.object({
  sessionId: sessionIdSchema,
  meeting: meetingSchema.optional(),
});

/** A mentor (or session manager) publishes their draft, optionally choosing the meeting. */
export function publishSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, publishSchema, async (ctx) => {
    const found = await managedSession(deps, ctx.input.sessionId, ctx.actor);
    if (!found.ok) return found;
    const meeting = ctx.input.meeting ? meetingInfoOf(ctx.input.meeting) : undefined;
    const published = await publishDraft(deps, ctx, found.value, meeting);
    if (!published.ok) return published;
    return ok(await resultFor(deps, published.value, ctx));
  });
}
