import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { isMentor, isSessionManager } from '../people/person.js';
import { type CommandContext, type CoreDeps, runCommand } from '../usecase.js';
import { plural } from '../words.js';
import { VOCABULARY_NAMES } from '../workspaces/workspace.js';
import {
  descriptionSchema,
  imageUrlSchema,
  menteeIdsSchema,
  mentorIdsSchema,
  momentSchema,
  seatLimitSchema,
  tagPickSchema,
  titleSchema,
  typeSchema,
} from './fields.js';
import { schedulableRequest } from './from-request.js';
import {
  BOTH_IMAGES,
  checkImage,
  imageUploadSchema,
  keepImage,
  type SessionImageFile,
} from './image.js';
import { type CommandRequest, onlyMentorsCreate, seatsFull } from './load.js';
import { meetingInfoOf, meetingSchema, platformProblem } from './meeting.js';
import { resultFor } from './notify.js';
import { checkMentees, checkMentors } from './participants.js';
import { publishDraft } from './publish.js';
import type { SessionResult } from './results.js';
import type { Session } from './session.js';
import { resolveTags } from './vocabulary.js';
import { isFieldErrors, resolveTimes } from './when.js';

const noTags = { selected: [], other: [] };

/**
 * The create form (docs/product.md#session-fields). `start`/`end`: an ISO instant with offset,
 * or `{ date, time }` read in the actor's zone. `mentorIds`: mentors besides the creator
 * (session managers only). `menteeIds`: mentees to invite. `requestId`: the mentee's request
 * this session answers.
 */
export const createSessionSchema = z.object({
  title: titleSchema,
  description: descriptionSchema.default(''),
  imageUrl: imageUrlSchema.optional(),
  /** The image as a file (a Slack file picked in the form); instead of `imageUrl`. */
  imageFile: imageUploadSchema.optional(),
  type: typeSchema.optional(),
  start: momentSchema,
  end: momentSchema,
  seatLimit: seatLimitSchema.optional(),
  recommendedFor: tagPickSchema.default(noTags),
  categories: tagPickSchema.default(noTags),
  medium: tagPickSchema.default(noTags),
  mentorIds: mentorIdsSchema.default([]),
  menteeIds: menteeIdsSchema.default([]),
  requestId: z.string().trim().min(1).optional(),
  /** The meeting chosen in the form, kept on the draft so *Publish* uses it (issue 10 point 19). */
  meeting: meetingSchema.optional(),
});

/** Validates the form against the workspace and stores a draft. */
export async function draftSession(
  deps: CoreDeps,
  ctx: CommandContext<z.output<typeof createSessionSchema>>,
): Promise<Result<Session>> {
  const { actor, workspace, input, now } = ctx;
  const manager = isSessionManager(actor);
  if (!isMentor(actor) && !manager) {
    return fail(onlyMentorsCreate());
  }
  const errors: Record<string, string> = {};
  if (input.type === 'private' && !manager) {
    errors.type = 'Only session managers can make a session private.';
  }
  const times = resolveTimes(input.start, input.end, {
    now,
    minSessionMinutes: workspace.config.minSessionMinutes,
    zone: actor.timeZone,
  });
  if (isFieldErrors(times)) Object.assign(errors, times);
  const tags: Record<string, string[]> = {};
  for (const name of VOCABULARY_NAMES) {
    const resolved = resolveTags(name, input[name], workspace.config);
    if ('field' in resolved) errors[resolved.field] = resolved.message;
    else tags[name] = resolved.tags;
  }
  const extraMentors = input.mentorIds.filter((id) => id !== actor.id);
  if (extraMentors.length > 0 && !manager) {
    errors.mentorIds = 'Only session managers can add other mentors.';
  }
  const mentorIds = [actor.id, ...extraMentors];
  const mentorProblem = errors.mentorIds
    ? undefined
    : await checkMentors(deps, workspace, extraMentors);
  if (mentorProblem) errors[mentorProblem.field] = mentorProblem.message;
  const menteeProblem = await checkMentees(deps, workspace, input.menteeIds, mentorIds);
  if (menteeProblem) errors[menteeProblem.field] = menteeProblem.message;
  const platform = input.meeting && platformProblem(deps, input.meeting.platform);
  if (platform) errors['meeting.platform'] = platform;
  const image = input.imageFile ? checkImage(input.imageFile) : undefined;
  if (image && 'problem' in image) errors.imageFile = image.problem;
  else if (image && input.imageUrl) errors.imageUrl = BOTH_IMAGES;
  if (isFieldErrors(times) || Object.keys(errors).length > 0) return fail(validation(errors));
  const meeting = input.meeting ? meetingInfoOf(input.meeting) : undefined;

  const invitedIds = [...input.menteeIds];
  if (input.requestId) {
    const request = await schedulableRequest(deps, input.requestId, actor, now);
    if (!request.ok) return request;
    if (!invitedIds.includes(request.value.menteeId)) invitedIds.push(request.value.menteeId);
  }
  const seatLimit = input.seatLimit ?? workspace.config.defaultSeatLimit;
  if (invitedIds.length > seatLimit) {
    return fail(
      seatsFull(
        `you invited ${plural(invitedIds.length, 'mentee')}, but the session has ${plural(seatLimit, 'seat')}.`,
        'menteeIds',
      ),
    );
  }
  const id = deps.ids.next();
  let imageFile: SessionImageFile | undefined;
  if (input.imageFile && image && 'type' in image) {
    const kept = await keepImage(
      deps,
      input.imageFile,
      image.type,
      { id, workspaceId: workspace.id },
      now,
    );
    if (!kept.ok) return kept;
    imageFile = kept.value;
  }
  const session: Session = {
    id,
    workspaceId: workspace.id,
    title: input.title,
    description: input.description,
    ...(input.imageUrl ? { imageUrl: input.imageUrl } : {}),
    ...(imageFile ? { imageFile } : {}),
    // A session answering one mentee's request is theirs, like a booked one
    // (docs/product.md#booking).
    type: input.type ?? (input.requestId ? 'private' : 'public'),
    mentorIds,
    invitedIds,
    enrolledIds: [],
    seatLimit,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    recommendedFor: tags.recommendedFor ?? [],
    categories: tags.categories ?? [],
    medium: tags.medium ?? [],
    ...(meeting ? { meeting } : {}),
    status: 'draft',
    createdBy: actor.id,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.sessions.insert(session);
  return ok(session);
}

/** Creates a draft; nobody is told until it is published. */
export function createSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, createSessionSchema, async (ctx) => {
    const draft = await draftSession(deps, ctx);
    if (!draft.ok) return draft;
    return ok(await resultFor(deps, draft.value, ctx));
  });
}

export type CreateAndPublishInput = z.input<typeof createSessionSchema>;

/** The create form's *Publish* button: create and publish in one transaction. */
export function createAndPublishSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, createSessionSchema, async (ctx) => {
    const draft = await draftSession(deps, ctx);
    if (!draft.ok) return draft;
    const published = await publishDraft(deps, ctx, draft.value, draft.value.meeting);
    if (!published.ok) return published;
    return ok(await resultFor(deps, published.value, ctx));
  });
}
