import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { meetingEditable } from './access.js';
import { announceChanges } from './announce.js';
import { sessionIdSchema } from './fields.js';
import {
  type CommandRequest,
  managedSession,
  meetingEnded,
  sessionCancelled,
  staleSession,
} from './load.js';
import { meetingInfoOf, meetingSchema, openRoom, platformProblem } from './meeting.js';
import { resultFor } from './notify.js';
import type { SessionResult } from './results.js';

const editMeetingSchema = z.object({
  sessionId: sessionIdSchema,
  meeting: meetingSchema,
});

/**
 * The meeting link form (docs/product.md#editing): unlike the details, it may change while the
 * session is live, so a broken link can be fixed when people are already trying to join.
 */
export function editMeeting(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, editMeetingSchema, async (ctx) => {
    const { actor, input, now, effects } = ctx;
    const problem = platformProblem(deps, input.meeting.platform);
    if (problem) return fail(validation({ 'meeting.platform': problem }));
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    if (session.status === 'cancelled') return fail(sessionCancelled());
    if (!meetingEditable(session, now)) {
      return fail(meetingEnded());
    }
    const updated = await deps.sessions.update(
      session.id,
      session.version,
      [session.status],
      { meeting: meetingInfoOf(input.meeting) },
      now,
    );
    if (!updated) return fail(staleSession());
    if (updated.status !== 'draft') effects.after(() => openRoom(deps, updated));
    await announceChanges(deps, ctx, session, updated);
    return ok(await resultFor(deps, updated, ctx));
  });
}
