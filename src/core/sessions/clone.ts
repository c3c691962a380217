import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { momentSchema, sessionIdSchema } from './fields.js';
import { type CommandRequest, draftNotClonable, managedSession } from './load.js';
import { DEFAULT_MEETING } from './meeting.js';
import { notifyInvited, resultFor, scheduleJobs } from './notify.js';
import type { SessionResult } from './results.js';
import type { Session } from './session.js';
import { isFieldErrors, resolveTimes } from './when.js';

const cloneSchema = z.object({
  sessionId: sessionIdSchema,
  start: momentSchema,
  end: momentSchema,
});

/**
 * *Book the next one* (docs/product.md#clone): the same details, mentors and seat limit, with
 * everyone who was invited or enrolled invited again, at a new time checked like a new
 * session's. A clone of a published (live, completed) session is published at once with the
 * same meeting, and its invitees are told; a clone of a cancelled one is a draft to look over.
 * Drafts are not cloned: there is nothing settled to repeat yet.
 */
export function cloneSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, cloneSchema, async (ctx) => {
    const { actor, workspace, input, now } = ctx;
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const source = found.value;
    if (source.status === 'draft') {
      return fail(draftNotClonable());
    }
    const times = resolveTimes(input.start, input.end, {
      now,
      minSessionMinutes: workspace.config.minSessionMinutes,
      zone: actor.timeZone,
    });
    if (isFieldErrors(times)) return fail(validation(times));
    const publish = source.status !== 'cancelled';
    const clone: Session = {
      id: deps.ids.next(),
      workspaceId: source.workspaceId,
      title: source.title,
      description: source.description,
      ...(source.imageUrl ? { imageUrl: source.imageUrl } : {}),
      type: source.type,
      mentorIds: [...source.mentorIds],
      invitedIds: [...new Set([...source.invitedIds, ...source.enrolledIds])],
      enrolledIds: [],
      seatLimit: source.seatLimit,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      recommendedFor: [...source.recommendedFor],
      categories: [...source.categories],
      medium: [...source.medium],
      meeting: source.meeting ?? DEFAULT_MEETING,
      status: publish ? 'published' : 'draft',
      createdBy: actor.id,
      clonedFrom: source.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.sessions.insert(clone);
    if (publish) {
      await notifyInvited(deps, ctx, clone, clone.invitedIds);
      scheduleJobs(deps, ctx, clone);
    }
    return ok(await resultFor(deps, clone, ctx));
  });
}
