import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import type { MentorshipRequest } from '../requests/request.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { momentSchema, sessionIdSchema } from './fields.js';
import { markRequestScheduled, schedulableRequest } from './from-request.js';
import { cloneImage } from './image.js';
import { type CommandRequest, draftNotClonable, managedSession } from './load.js';
import { DEFAULT_MEETING } from './meeting.js';
import { notifyInvited, resultFor, scheduleJobs } from './notify.js';
import type { SessionResult } from './results.js';
import type { Session } from './session.js';
import { isFieldErrors, nextWeekly, resolveTimes } from './when.js';

const cloneSchema = z.object({
  sessionId: sessionIdSchema,
  /** Without times: the same time a week on (or the first weekly repeat still ahead). */
  start: momentSchema.optional(),
  end: momentSchema.optional(),
  /** The mentee's request for another session like this one, answered by the clone. */
  requestId: z.string().trim().min(1).optional(),
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
    const next = nextWeekly(source.startsAt, source.endsAt, actor.timeZone, now);
    let request: MentorshipRequest | undefined;
    if (input.requestId) {
      const found = await schedulableRequest(deps, input.requestId, actor, now);
      if (!found.ok) return found;
      request = found.value;
    }
    const times = resolveTimes(input.start ?? next.start, input.end ?? next.end, {
      now,
      minSessionMinutes: workspace.config.minSessionMinutes,
      zone: actor.timeZone,
    });
    if (isFieldErrors(times)) return fail(validation(times));
    const publish = source.status !== 'cancelled';
    const id = deps.ids.next();
    const imageFile = await cloneImage(
      deps,
      source.imageFile,
      { id, workspaceId: source.workspaceId },
      now,
    );
    const clone: Session = {
      id,
      workspaceId: source.workspaceId,
      title: source.title,
      description: source.description,
      ...(source.imageUrl ? { imageUrl: source.imageUrl } : {}),
      ...(imageFile ? { imageFile } : {}),
      type: source.type,
      mentorIds: [...source.mentorIds],
      invitedIds: [
        ...new Set([
          ...source.invitedIds,
          ...source.enrolledIds,
          ...(request ? [request.menteeId] : []),
        ]),
      ],
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
      ...(request ? { requestId: request.id } : {}),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await deps.sessions.insert(clone);
    if (publish) {
      // The mentee who asked for it is told their request was scheduled, not invited twice.
      const toldByRequest = await markRequestScheduled(deps, ctx, clone);
      await notifyInvited(
        deps,
        ctx,
        clone,
        clone.invitedIds.filter((id) => id !== toldByRequest),
      );
      scheduleJobs(deps, ctx, clone);
    }
    return ok(await resultFor(deps, clone, ctx));
  });
}
