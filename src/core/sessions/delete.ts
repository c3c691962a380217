import { z } from 'zod';
import { DomainError, ErrorCode, fail, ok, type Result } from '../errors.js';
import { type CoreDeps, runCommand, runQuery } from '../usecase.js';
import { detailsEditable } from './access.js';
import { sessionCard } from './card.js';
import type { SessionDetails } from './details.js';
import { confirmSchema, sessionIdSchema } from './fields.js';
import {
  alreadyStarted,
  type CommandRequest,
  managedSession,
  type QueryRequest,
  staleSession,
} from './load.js';
import { notifyEach, peopleFor } from './notify.js';
import type { Session } from './session.js';

const deleteSchema = z.object({ sessionId: sessionIdSchema, confirm: confirmSchema });

/** Why `session` cannot be deleted at `now`, or nothing: one rule for the form and the command. */
function undeletable(session: Session, now: Date): DomainError | undefined {
  if (session.status === 'cancelled') {
    return new DomainError(ErrorCode.AlreadyDone, 'This session was already deleted.');
  }
  if (!detailsEditable(session, now)) return alreadyStarted('it');
  return undefined;
}

/**
 * The delete confirmation (docs/product.md#deleting): the session to confirm, or, before any
 * dialog opens, the sentence deleting it would answer (not a manager, started, deleted).
 */
export function deleteForm(deps: CoreDeps, request: QueryRequest): Promise<Result<SessionDetails>> {
  return runQuery(
    deps,
    request,
    z.object({ sessionId: sessionIdSchema }),
    async ({ actor, workspace, input, now }) => {
      const found = await managedSession(deps, input.sessionId, actor);
      if (!found.ok) return found;
      const session = found.value;
      const refused = undeletable(session, now);
      if (refused) return fail(refused);
      const people = await peopleFor(deps, session);
      return ok({
        session: sessionCard(session, actor, people, now, workspace.config, deps),
        version: session.version,
      });
    },
  );
}

/**
 * Deleting (docs/product.md#deleting): only until the start, and only with the confirmation
 * dialog's explicit `confirm: true`. The session is kept as `cancelled` (so links and history
 * still resolve); invited and enrolled mentees are told, its jobs are cancelled and a booked
 * slot is freed.
 */
export function deleteSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<{ sessionId: string }>> {
  return runCommand(deps, request, deleteSchema, async (ctx) => {
    const { actor, input, now } = ctx;
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    const refused = undeletable(session, now);
    if (refused) return fail(refused);
    const cancelled = await deps.sessions.update(
      session.id,
      session.version,
      [session.status],
      { status: 'cancelled' },
      now,
    );
    if (!cancelled) return fail(staleSession());
    await deps.bookings.release(session.id);
    // A draft told nobody and has no jobs; only a published session has people to tell.
    if (session.status === 'published') {
      await notifyEach(
        deps,
        ctx,
        cancelled,
        // Its mentees, and its other mentors (docs/product.md#changes-are-announced).
        [
          ...session.invitedIds,
          ...session.enrolledIds,
          ...session.mentorIds.filter((id) => id !== actor.id),
        ],
        (card, recipient) => ({
          kind: 'sessionCancelled',
          recipient: recipient.id,
          workspaceId: session.workspaceId,
          session: card,
          by: { id: actor.id, name: actor.displayName },
        }),
      );
      ctx.effects.after(() => deps.scheduler.sessionCancelled(session.id));
    }
    return ok({ sessionId: session.id });
  });
}
