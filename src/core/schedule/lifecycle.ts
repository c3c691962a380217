import type { SessionId } from '../sessions/session.js';
import type { CoreDeps } from '../usecase.js';
import { type FanOutResult, fanOut } from './fan-out.js';

export type Outcome =
  | ({ readonly done: true } & FanOutResult)
  | { readonly done: false; readonly skipped: string };

const skipped = (reason: string): Outcome => ({ done: false, skipped: reason });

/**
 * A reminder is late, and skipped, once less than half of its lead time is left: a "24 h
 * before" reminder that runs 20 h late, or a "15 min" one with 5 minutes to go, would
 * mislead more than help.
 */
export function isLate(startsAt: Date, minutesBefore: number, now: Date): boolean {
  const left = startsAt.getTime() - now.getTime();
  return left < (minutesBefore * 60_000) / 2;
}

/** Reminder at `minutesBefore` to every participant (M7), with the join link. */
export async function remindSession(
  deps: CoreDeps,
  job: { sessionId: SessionId; minutesBefore: number },
  progress?: () => Promise<void>,
): Promise<Outcome> {
  const session = await deps.sessions.get(job.sessionId);
  if (!session) return skipped('session no longer exists');
  if (session.status !== 'published') return skipped(`session is ${session.status}`);
  const now = deps.clock.now();
  const due = session.startsAt.getTime() - job.minutesBefore * 60_000;
  // A job left over from before the session was moved later: the moved job will remind.
  if (now.getTime() < due - 60_000) return skipped('not due yet (the session was moved)');
  if (isLate(session.startsAt, job.minutesBefore, now)) return skipped('too late to remind');
  const result = await fanOut(
    deps,
    session,
    'reminder',
    job.minutesBefore,
    (card, recipient) => ({
      kind: 'sessionReminder',
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
      minutesBefore: job.minutesBefore,
    }),
    progress,
  );
  return { done: true, ...result };
}

/** At start: the session becomes live (once) and participants are told, with *Join*. */
export async function startSession(
  deps: CoreDeps,
  job: { sessionId: SessionId },
  progress?: () => Promise<void>,
): Promise<Outcome> {
  const now = deps.clock.now();
  const before = await deps.sessions.get(job.sessionId);
  if (!before) return skipped('session no longer exists');
  if (now < before.startsAt) return skipped('not started yet (the session was moved)');
  const flipped = await deps.sessions.setStatus(job.sessionId, ['published'], 'live', now);
  const session = flipped ?? (await deps.sessions.get(job.sessionId));
  // Also after a crash between the flip and the messages: live and not over means tell.
  if (!session || session.status !== 'live')
    return skipped(`session is ${session?.status ?? 'gone'}`);
  if (now >= session.endsAt) return skipped('session already ended');
  const result = await fanOut(
    deps,
    session,
    'live',
    0,
    (card, recipient) => ({
      kind: 'sessionLive',
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
    }),
    progress,
  );
  return { done: true, ...result };
}

/** At end: the session is completed and participants are offered *Book the next one*. */
export async function completeSession(
  deps: CoreDeps,
  job: { sessionId: SessionId },
  progress?: () => Promise<void>,
): Promise<Outcome> {
  const now = deps.clock.now();
  const before = await deps.sessions.get(job.sessionId);
  if (!before) return skipped('session no longer exists');
  if (now < before.endsAt) return skipped('not ended yet (the session was moved)');
  const flipped = await deps.sessions.setStatus(
    job.sessionId,
    ['published', 'live'],
    'completed',
    now,
  );
  const session = flipped ?? (await deps.sessions.get(job.sessionId));
  if (!session || session.status !== 'completed') {
    return skipped(`session is ${session?.status ?? 'gone'}`);
  }
  const result = await fanOut(
    deps,
    session,
    'completed',
    0,
    (card, recipient) => ({
      kind: 'sessionCompleted',
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
    }),
    progress,
  );
  return { done: true, ...result };
}
