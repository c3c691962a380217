import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { plural } from '../words.js';
import { detailsEditable } from './access.js';
import { menteeIdsSchema, sessionIdSchema } from './fields.js';
import {
  alreadyStarted,
  type CommandRequest,
  managedSession,
  seatsFull,
  sessionCancelled,
} from './load.js';
import { notifyInvited, resultFor } from './notify.js';
import { checkMentees } from './participants.js';
import type { SessionResult } from './results.js';

const inviteSchema = z.object({
  sessionId: sessionIdSchema,
  menteeIds: menteeIdsSchema.refine((ids) => ids.length > 0, {
    error: 'Pick at least one mentee to invite.',
  }),
});

/**
 * Mentors and session managers invite mentees until the start (docs/product.md#enrolment). The
 * seats are checked by the repository's one conditional update, so invitations racing
 * enrolments never give more mentees than seats; if they do not all fit, nobody is invited.
 */
export function inviteMentees(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, inviteSchema, async (ctx) => {
    const { actor, workspace, input, now } = ctx;
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    if (session.status === 'cancelled') return fail(sessionCancelled());
    if (!detailsEditable(session, now)) return fail(alreadyStarted('its invitees'));
    const problem = await checkMentees(deps, workspace, input.menteeIds, session.mentorIds);
    if (problem) return fail(validation({ [problem.field]: problem.message }));
    const fresh = input.menteeIds.filter(
      (id) => !session.invitedIds.includes(id) && !session.enrolledIds.includes(id),
    );
    const outcome = await deps.sessions.invite(session.id, fresh, now);
    if (outcome === 'full') {
      const left = Math.max(
        0,
        session.seatLimit - session.invitedIds.length - session.enrolledIds.length,
      );
      return fail(
        seatsFull(
          `${plural(fresh.length, 'more mentee')} do not fit: ${left} of ${plural(session.seatLimit, 'seat')} ${left === 1 ? 'is' : 'are'} left.`,
          'menteeIds',
        ),
      );
    }
    if (outcome === 'closed') return fail(alreadyStarted('its invitees'));
    const updated = (await deps.sessions.get(session.id)) ?? session;
    if (updated.status === 'published') await notifyInvited(deps, ctx, updated, fresh);
    return ok(await resultFor(deps, updated, ctx));
  });
}
