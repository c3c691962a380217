import { z } from 'zod';
import { DomainError, ErrorCode, fail, forbidden, ok, type Result } from '../errors.js';
import { type CoreDeps, runCommand } from '../usecase.js';
import { enrolmentOpen, isEnrolled, isSessionMentor } from './access.js';
import { sessionIdSchema } from './fields.js';
import { type CommandRequest, seatsFull, staleSession, visibleSession } from './load.js';
import { resultFor } from './notify.js';
import type { SessionResult } from './results.js';
import { effectiveStatus, type Session } from './session.js';

const sessionOnly = z.object({ sessionId: sessionIdSchema });

/** Why enrolment is closed, in one sentence: cancelled, ended or started. */
const enrolmentClosed = (session: Pick<Session, 'status' | 'startsAt' | 'endsAt'>, now: Date) => {
  const status = effectiveStatus(session, now);
  return new DomainError(
    ErrorCode.NotEditable,
    status === 'cancelled'
      ? 'This session was cancelled, so you cannot enrol in it.'
      : status === 'completed'
        ? 'This session has ended, so you cannot enrol in it.'
        : 'This session has already started, so enrolment has closed.',
  );
};

/**
 * A mentee takes a seat (docs/product.md#enrolment). Public sessions: any mentee while seats
 * remain; private: only invitees, who already hold their seat. The seat is decided by one
 * atomic conditional update in the repository, so of many mentees racing for the last seats
 * exactly as many win as there were seats.
 */
export function enrol(deps: CoreDeps, request: CommandRequest): Promise<Result<SessionResult>> {
  return runCommand(deps, request, sessionOnly, async (ctx) => {
    const { actor, input, now } = ctx;
    const found = await visibleSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    if (isSessionMentor(found.value, actor)) {
      return fail(forbidden('You are a mentor of this session, so you cannot enrol in it.'));
    }
    const outcome = await deps.sessions.enrol(found.value.id, actor.id, now);
    switch (outcome) {
      case 'already':
        return fail(
          new DomainError(ErrorCode.AlreadyDone, 'You are already enrolled in this session.'),
        );
      case 'full':
        return fail(seatsFull('this session has no free seats left.'));
      case 'closed':
        return fail(enrolmentClosed(found.value, now));
      case 'enrolled': {
        const session = (await deps.sessions.get(found.value.id)) ?? found.value;
        return ok(await resultFor(deps, session, ctx));
      }
    }
  });
}

/** An enrolled mentee gives their seat back, until the session starts. */
export function leaveSession(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, sessionOnly, async (ctx) => {
    const { actor, input, now } = ctx;
    const found = await visibleSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    if (!isEnrolled(session, actor)) {
      return fail(new DomainError(ErrorCode.AlreadyDone, 'You are not enrolled in this session.'));
    }
    if (!enrolmentOpen(session, now)) return fail(enrolmentClosed(session, now));
    const updated = await deps.sessions.update(
      session.id,
      session.version,
      ['published'],
      { enrolledIds: session.enrolledIds.filter((id) => id !== actor.id) },
      now,
    );
    if (!updated) return fail(staleSession());
    return ok(await resultFor(deps, updated, ctx));
  });
}
