import { DomainError, ErrorCode, notFound } from '../errors.js';
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

/**
 * The request the actor answers, when they are its receiving side: the mentor for a
 * mentee's request, the mentee for a mentor's offer. Anyone else is told it does not exist,
 * so request ids reveal nothing.
 */
export async function loadAnswerable(
  deps: CoreDeps,
  actor: Person,
  requestId: string,
  kind: RequestKind,
): Promise<MentorshipRequest | DomainError> {
  const request = await deps.requests.get(requestId);
  const receiver = kind === 'menteeToMentor' ? request?.mentorId : request?.menteeId;
  if (
    !request ||
    request.workspaceId !== actor.workspaceId ||
    request.kind !== kind ||
    receiver !== actor.id
  ) {
    return notFound('request');
  }
  return request;
}
