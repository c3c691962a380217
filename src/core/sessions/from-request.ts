import { DomainError, ErrorCode, fail, forbidden, notFound, ok, type Result } from '../errors.js';
import type { Person, PersonId } from '../people/person.js';
import type { MentorshipRequest } from '../requests/request.js';
import { requestView } from '../requests/request.view.js';
import type { CommandContext, CoreDeps } from '../usecase.js';
import { sessionCard } from './card.js';
import { peopleFor } from './notify.js';
import type { Session } from './session.js';

/** Why a request can no longer be scheduled, in one sentence; undefined when it can. */
function unschedulable(
  request: Pick<MentorshipRequest, 'status' | 'expiresAt'>,
  now: Date,
): string | undefined {
  switch (request.status) {
    case 'pending':
      return request.expiresAt <= now
        ? 'This request expired without an answer, so there is nothing to schedule.'
        : undefined;
    case 'scheduled':
      return 'A session was already scheduled for this request.';
    case 'declined':
      return 'This request was declined, so there is nothing to schedule.';
    case 'expired':
      return 'This request expired without an answer, so there is nothing to schedule.';
    default:
      return `This request is ${request.status}, so there is nothing to schedule.`;
  }
}

/**
 * *Schedule session* (docs/product.md#mentee-asks-a-mentor): a mentor answers a mentee's
 * request by creating a session with the mentee invited. Only the mentor it was sent to may,
 * and only while it is pending.
 */
export async function schedulableRequest(
  deps: CoreDeps,
  requestId: string,
  actor: Person,
  now: Date,
): Promise<Result<MentorshipRequest>> {
  const request = await deps.requests.get(requestId);
  if (!request || request.workspaceId !== actor.workspaceId) return fail(notFound('request'));
  if (request.kind !== 'menteeToMentor' || request.mentorId !== actor.id) {
    return fail(
      forbidden('Only the mentor this request was sent to can schedule a session for it.'),
    );
  }
  const why = unschedulable(request, now);
  if (why) return fail(new DomainError(ErrorCode.AlreadyDone, why));
  return ok(request);
}

/**
 * When the session is published, its request becomes `scheduled` with the session linked,
 * and the mentee is told (`requestScheduled`). Returns the mentee told, so they are not
 * also sent a plain invitation. A request answered in the meantime (declined, expired) is
 * left as it is; the mentee is still invited to the session.
 */
export async function markRequestScheduled(
  deps: CoreDeps,
  ctx: Pick<CommandContext<unknown>, 'now' | 'effects' | 'workspace'>,
  session: Session,
): Promise<PersonId | undefined> {
  if (!session.requestId) return undefined;
  const request = await deps.requests.transition(
    session.requestId,
    ['pending'],
    'scheduled',
    ctx.now,
    { sessionId: session.id },
  );
  if (!request) return undefined;
  const people = await peopleFor(deps, session, [request.menteeId, request.mentorId]);
  const mentee = people.get(request.menteeId);
  if (!mentee) return undefined;
  ctx.effects.notify({
    kind: 'requestScheduled',
    recipient: mentee.id,
    workspaceId: session.workspaceId,
    request: requestView(request, people, mentee),
    session: sessionCard(session, mentee, people, ctx.now, ctx.workspace.config, deps),
  });
  return mentee.id;
}
