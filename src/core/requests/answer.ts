import { DomainError, ErrorCode, fail, notFound, ok, type Result } from '../errors.js';
import type { Person } from '../people/person.js';
import type { CoreDeps } from '../usecase.js';
import type { MentorshipRequest, RequestKind, RequestStatus } from './request.js';

const ANSWERED: Record<RequestStatus, string> = {
  pending: 'is still open',
  scheduled: 'already has a session scheduled',
  accepted: 'was already accepted',
  declined: 'was already declined',
  dismissed: 'was already dismissed',
  expired: 'has expired',
};

/** A second click, or a button on an old message: the request was answered already. */
export const alreadyAnswered = (request: Pick<MentorshipRequest, 'status'>) =>
  new DomainError(ErrorCode.AlreadyDone, `This request ${ANSWERED[request.status]}.`);

/** How a request is answered: which kind it must be, and the status it moves to. */
export interface Answer {
  readonly kind: RequestKind;
  readonly status: RequestStatus;
}

/**
 * The actor answers a pending request they are the receiving side of (the mentor for a
 * mentee's request, the mentee for a mentor's offer): it moves to the answer's status once.
 * Anyone else is told it does not exist, so request ids reveal nothing; a second answer is
 * told how the request was answered.
 */
export async function answerRequest(
  deps: CoreDeps,
  { actor, now }: { actor: Person; now: Date },
  requestId: string,
  answer: Answer,
): Promise<Result<MentorshipRequest>> {
  const request = await deps.requests.get(requestId);
  const receiver = answer.kind === 'menteeToMentor' ? request?.mentorId : request?.menteeId;
  if (
    !request ||
    request.workspaceId !== actor.workspaceId ||
    request.kind !== answer.kind ||
    receiver !== actor.id
  ) {
    return fail(notFound('request'));
  }
  const answered = await deps.requests.transition(request.id, ['pending'], answer.status, now);
  if (answered) return ok(answered);
  return fail(alreadyAnswered((await deps.requests.get(request.id)) ?? request));
}
