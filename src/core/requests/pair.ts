import { DomainError, ErrorCode, fail, ok, type Result } from '../errors.js';
import type { Person } from '../people/person.js';
import type { CommandContext, CoreDeps } from '../usecase.js';
import { expiresAtFrom, type MentorshipRequest } from './request.js';
import { peopleMap, requestView } from './request.view.js';

/**
 * docs/product.md#accepting-an-offer: when a mentee books or requests a session with a mentor
 * who sent them a pending "I want to mentor you!", that offer is accepted and the mentor is
 * told. Returns the accepted offer, or undefined when there was none.
 */
export async function acceptPendingOffer(
  deps: CoreDeps,
  ctx: Pick<CommandContext<unknown>, 'now' | 'effects'>,
  mentee: Person,
  mentor: Person,
  sessionId?: string,
  /** False when the caller tells the mentor itself (a request that accepts the offer). */
  tell = true,
): Promise<MentorshipRequest | undefined> {
  const pending = await deps.requests.findPending(mentee.id, mentor.id);
  if (pending?.kind !== 'mentorToMentee') return undefined;
  const accepted = await deps.requests.transition(
    pending.id,
    ['pending'],
    'accepted',
    ctx.now,
    sessionId ? { sessionId } : {},
  );
  if (!accepted) return undefined;
  if (!tell) return accepted;
  ctx.effects.notify({
    kind: 'offerAccepted',
    recipient: mentor.id,
    workspaceId: mentor.workspaceId,
    request: requestView(accepted, peopleMap([mentee, mentor]), mentor),
  });
  return accepted;
}

/** "Ada" for the other person of a pair, in Conflict messages. */
export const openRequestConflictMessage = (other: Pick<Person, 'displayName'>) =>
  `You already have an open request with ${other.displayName}. Wait for an answer, or look under My mentorship requests.`;

/**
 * Opens a pending request between a mentee and a mentor (either side sends it), expiring
 * after the workspace's configured age. The unique index on open pairs decides, so two
 * requests sent at the same moment cannot both open: the second is told, naming `other`.
 */
export async function openRequest(
  deps: CoreDeps,
  { workspace, now }: Pick<CommandContext<unknown>, 'workspace' | 'now'>,
  pair: Pick<MentorshipRequest, 'kind' | 'menteeId' | 'mentorId' | 'likeSession'> & {
    message?: string;
  },
  other: Pick<Person, 'displayName'>,
): Promise<Result<MentorshipRequest>> {
  const request: MentorshipRequest = {
    id: deps.ids.next(),
    workspaceId: workspace.id,
    kind: pair.kind,
    menteeId: pair.menteeId,
    mentorId: pair.mentorId,
    ...(pair.message ? { message: pair.message } : {}),
    ...(pair.likeSession ? { likeSession: pair.likeSession } : {}),
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    expiresAt: expiresAtFrom(now, workspace.config.requestExpiryDays),
  };
  if ((await deps.requests.insert(request)) === 'duplicate') {
    return fail(new DomainError(ErrorCode.Conflict, openRequestConflictMessage(other)));
  }
  return ok(request);
}
