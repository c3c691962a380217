import { DomainError, ErrorCode, fail, forbidden, notFound, ok, type Result } from '../errors.js';
import type { Person } from '../people/person.js';
import type { Actor, CoreDeps } from '../usecase.js';
import { canManage, canSee } from './access.js';
import type { Session } from './session.js';

/** What an adapter passes to every session command. */
export interface CommandRequest {
  readonly actor: Actor;
  readonly input: unknown;
  /** The platform's delivery id (Slack retry, double click): a repeat changes nothing. */
  readonly idempotencyKey?: string | undefined;
}

export interface QueryRequest {
  readonly actor: Actor;
  readonly input: unknown;
}

/**
 * The session if the person may see it. A private session they are not part of answers
 * exactly like a missing one, so its existence is not revealed
 * (docs/product.md#session-access).
 */
export async function visibleSession(
  deps: CoreDeps,
  sessionId: string,
  person: Person,
): Promise<Result<Session>> {
  const session = await deps.sessions.get(sessionId);
  if (!session || !canSee(session, person)) return fail(notFound('session'));
  return ok(session);
}

/** The session if the person manages it (one of its mentors, or a session manager). */
export async function managedSession(
  deps: CoreDeps,
  sessionId: string,
  person: Person,
): Promise<Result<Session>> {
  const found = await visibleSession(deps, sessionId, person);
  if (!found.ok) return found;
  if (!canManage(found.value, person)) {
    return fail(forbidden("Only this session's mentors and session managers can do that."));
  }
  return found;
}

/** A second click, or a form opened before someone else changed the session. */
export const staleSession = () =>
  new DomainError(
    ErrorCode.AlreadyDone,
    'This session changed since you opened it. Open it again to see the latest version.',
  );

export const sessionCancelled = () =>
  new DomainError(ErrorCode.NotEditable, 'This session was cancelled.');

export const alreadyStarted = (what: string) =>
  new DomainError(
    ErrorCode.NotEditable,
    `This session has already started, so ${what} can no longer change.`,
  );

/**
 * The (N+1)th mentee (docs/product.md#enrolment); the phrase "session seats full" is what
 * people see.
 */
export const seatsFull = (detail: string, field?: string) => {
  const message = `Session seats full: ${detail}`;
  return new DomainError(ErrorCode.SeatsFull, message, field ? { [field]: message } : {});
};

export const meetingEnded = () =>
  new DomainError(
    ErrorCode.NotEditable,
    'This session has ended, so its meeting link can no longer change.',
  );

export const draftNotClonable = () =>
  new DomainError(ErrorCode.NotEditable, 'Publish this draft first; a draft cannot be cloned.');

export const onlyMentorsCreate = () =>
  forbidden('Only mentors can create sessions. Set up your mentor profile first.');
