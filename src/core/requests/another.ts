import { fail, ok, type Result, validation } from '../errors.js';
import type { Person } from '../people/person.js';
import { isEnrolled, isInvited } from '../sessions/access.js';
import { effectiveStatus } from '../sessions/session.js';
import type { CoreDeps } from '../usecase.js';
import type { MentorshipRequest } from './request.js';

/**
 * "Ask for another session like this one" (docs/product.md#clone): a mentee of a live or
 * completed session asks one of its mentors for the next one. The request links the session,
 * so its mentor can book the next one from it in one press.
 */
export async function repeatableSession(
  deps: CoreDeps,
  sessionId: string,
  mentee: Person,
  mentorId: string | undefined,
  now: Date,
): Promise<Result<NonNullable<MentorshipRequest['likeSession']>>> {
  const session = await deps.sessions.get(sessionId);
  const refused = (message: string) => fail(validation({ sessionId: message }));
  if (!session || session.workspaceId !== mentee.workspaceId) {
    return refused('We could not find that session.');
  }
  if (!isInvited(session, mentee) && !isEnrolled(session, mentee)) {
    return refused('You can ask for another session only from one you were part of.');
  }
  const status = effectiveStatus(session, now);
  if (status !== 'live' && status !== 'completed') {
    return refused('You can ask for another session once this one is live or over.');
  }
  if (mentorId !== undefined && !session.mentorIds.includes(mentorId)) {
    return refused('Ask one of the mentors of that session for the next one.');
  }
  return ok({ id: session.id, title: session.title });
}
