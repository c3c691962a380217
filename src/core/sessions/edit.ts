import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { isSessionManager } from '../people/person.js';
import type { SessionRepository } from '../ports.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { plural } from '../words.js';
import { VOCABULARY_NAMES } from '../workspaces/workspace.js';
import { detailsEditable } from './access.js';
import { announceChanges } from './announce.js';
import {
  descriptionSchema,
  imageUrlSchema,
  menteeIdsSchema,
  mentorIdsSchema,
  momentSchema,
  seatLimitSchema,
  sessionIdSchema,
  tagPickSchema,
  titleSchema,
  typeSchema,
} from './fields.js';
import { BOTH_IMAGES, checkImage, imageUploadSchema, keepImage, releaseImage } from './image.js';
import {
  alreadyStarted,
  type CommandRequest,
  managedSession,
  seatsFull,
  sessionCancelled,
  staleSession,
} from './load.js';
import { notifyInvited, resultFor, scheduleJobs } from './notify.js';
import { checkMentees, checkMentors } from './participants.js';
import type { SessionResult } from './results.js';
import { resolveTags } from './vocabulary.js';
import { checkTimes, instantOf } from './when.js';

type Changes = { -readonly [K in keyof Parameters<SessionRepository['update']>[3]]?: unknown };

/**
 * The edit form (docs/product.md#editing): every field optional; only the fields given change.
 * `version` is the one the form was opened with (from `getSessionDetails`); a different stored
 * version means the form is stale. `imageUrl: ""` removes the image. `mentorIds` is the full
 * list of mentors; `menteeIds` the full list of invitees (enrolled mentees stay enrolled).
 */
const editSchema = z.object({
  sessionId: sessionIdSchema,
  version: z.number().int().optional(),
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  imageUrl: imageUrlSchema.optional(),
  /** A new image file (a Slack file picked in the form); it replaces the link or file. */
  imageFile: imageUploadSchema.optional(),
  type: typeSchema.optional(),
  start: momentSchema.optional(),
  end: momentSchema.optional(),
  seatLimit: seatLimitSchema.optional(),
  recommendedFor: tagPickSchema.optional(),
  categories: tagPickSchema.optional(),
  medium: tagPickSchema.optional(),
  mentorIds: mentorIdsSchema.optional(),
  menteeIds: menteeIdsSchema.optional(),
});

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Details and invitees change only before the start; a time change moves the jobs. */
export function editSessionDetails(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, editSchema, async (ctx) => {
    const { actor, workspace, input, now } = ctx;
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    if (session.status === 'cancelled') return fail(sessionCancelled());
    if (!detailsEditable(session, now)) return fail(alreadyStarted('its details'));
    if (input.version !== undefined && input.version !== session.version) {
      return fail(staleSession());
    }
    const manager = isSessionManager(actor);
    const errors: Record<string, string> = {};
    const changes: Changes = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    // The image (docs/product.md#session-image): a new file replaces the link or file; a new
    // link replaces the file; an empty link removes the link (a file stays: *Remove image*
    // removes it). The repository unsets fields changed to undefined.
    const newLink = !!input.imageUrl && input.imageUrl !== (session.imageUrl ?? '');
    const image = input.imageFile ? checkImage(input.imageFile) : undefined;
    if (image && 'problem' in image) errors.imageFile = image.problem;
    else if (image && newLink) errors.imageUrl = BOTH_IMAGES;
    else if (!image && input.imageUrl !== undefined) {
      changes.imageUrl = input.imageUrl || undefined;
      if (newLink) changes.imageFile = undefined;
    }

    if (input.type !== undefined && input.type !== session.type) {
      if (session.status !== 'draft') {
        errors.type = 'The type cannot change after the session is published.';
      } else if (!manager) {
        errors.type = 'Only session managers can choose whether a session is private.';
      } else changes.type = input.type;
    }

    const startsAt = input.start ? instantOf(input.start, actor.timeZone) : session.startsAt;
    const endsAt = input.end ? instantOf(input.end, actor.timeZone) : session.endsAt;
    if (typeof startsAt === 'string') errors.start = startsAt;
    if (typeof endsAt === 'string') errors.end = endsAt;
    const timesChanged = input.start !== undefined || input.end !== undefined;
    if (timesChanged && typeof startsAt !== 'string' && typeof endsAt !== 'string') {
      const rules = { now, minSessionMinutes: workspace.config.minSessionMinutes };
      Object.assign(errors, checkTimes(startsAt, endsAt, rules));
      changes.startsAt = startsAt;
      changes.endsAt = endsAt;
    }

    for (const name of VOCABULARY_NAMES) {
      const pick = input[name];
      if (!pick) continue;
      const resolved = resolveTags(name, pick, workspace.config);
      if ('field' in resolved) errors[resolved.field] = resolved.message;
      else changes[name] = resolved.tags;
    }

    const mentorIds = input.mentorIds ?? session.mentorIds;
    if (input.mentorIds && !sameSet(input.mentorIds, session.mentorIds)) {
      const added = input.mentorIds.filter((id) => !session.mentorIds.includes(id));
      const problem = await checkMentors(deps, workspace, added);
      if (input.mentorIds.length === 0) errors.mentorIds = 'A session needs at least one mentor.';
      else if (!manager) errors.mentorIds = 'Only session managers can change the mentors.';
      else if (problem) errors[problem.field] = problem.message;
      else changes.mentorIds = input.mentorIds;
    }

    // Enrolled mentees keep their seat; the list given is who else is invited.
    const invitedIds = (input.menteeIds ?? session.invitedIds).filter(
      (id) => !session.enrolledIds.includes(id),
    );
    const newlyInvited = invitedIds.filter((id) => !session.invitedIds.includes(id));
    const menteeProblem = await checkMentees(deps, workspace, newlyInvited, mentorIds);
    if (menteeProblem) errors[menteeProblem.field] = menteeProblem.message;
    else if (mentorIds.some((id) => session.enrolledIds.includes(id) || invitedIds.includes(id))) {
      errors.mentorIds = 'A mentee of the session cannot also be one of its mentors.';
    }
    if (input.menteeIds) changes.invitedIds = invitedIds;
    if (Object.keys(errors).length > 0) return fail(validation(errors));

    const seatLimit = input.seatLimit ?? session.seatLimit;
    const taken = invitedIds.length + session.enrolledIds.length;
    if (taken > seatLimit) {
      const field = input.menteeIds ? 'menteeIds' : 'seatLimit';
      return fail(
        seatsFull(
          `${plural(taken, 'mentee')} ${taken === 1 ? 'is' : 'are'} invited or enrolled, but the session has ${plural(seatLimit, 'seat')}.`,
          field,
        ),
      );
    }
    if (input.seatLimit !== undefined) changes.seatLimit = input.seatLimit;
    if (input.imageFile && image && 'type' in image) {
      const kept = await keepImage(deps, input.imageFile, image.type, session, now);
      if (!kept.ok) return kept;
      changes.imageFile = kept.value;
      changes.imageUrl = undefined;
    }
    // A form sent back unchanged writes nothing (and so cannot look stale to anyone else).
    if (Object.keys(changes).length === 0) {
      return ok(await resultFor(deps, session, ctx));
    }

    const updated = await deps.sessions.update(
      session.id,
      session.version,
      [session.status],
      changes as Parameters<SessionRepository['update']>[3],
      now,
    );
    if (!updated) return fail(staleSession());
    if ('imageFile' in changes) await releaseImage(deps, session.imageFile);
    if (updated.status === 'published') {
      await notifyInvited(deps, ctx, updated, newlyInvited);
      await announceChanges(deps, ctx, session, updated, newlyInvited);
      if (timesChanged) scheduleJobs(deps, ctx, updated);
    }
    return ok(await resultFor(deps, updated, ctx));
  });
}
