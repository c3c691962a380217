import { openRoom } from '../sessions/meeting.js';
import type { Session, SessionId, SessionStatus } from '../sessions/session.js';
import type { CoreDeps } from '../usecase.js';
import { attendeeIds, type FanOutResult, fanOut, undecidedIds } from './fan-out.js';

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

/**
 * Reminder at `minutesBefore` to the mentors and enrolled mentees (docs/product.md#scheduled-work), saying the true time
 * left; invitees who have not answered get one reminder to answer, at the first reminder.
 */
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
  const minutesLeft = Math.round((session.startsAt.getTime() - now.getTime()) / 60_000);
  const reminded = await fanOut(
    deps,
    session,
    'reminder',
    job.minutesBefore,
    attendeeIds(session),
    (card, recipient) => ({
      kind: 'sessionReminder',
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
      minutesBefore: job.minutesBefore,
      minutesLeft,
    }),
    progress,
  );
  // One per invitee, whichever reminder runs first: the key has no offset.
  const asked = await fanOut(
    deps,
    session,
    'invitationReminder',
    0,
    undecidedIds(session),
    (card, recipient) => ({
      kind: 'invitationReminder',
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
      minutesLeft,
    }),
    progress,
  );
  return {
    done: true,
    sent: reminded.sent + asked.sent,
    alreadySent: reminded.alreadySent + asked.alreadySent,
    failed: reminded.failed + asked.failed,
  };
}

type Flip = {
  readonly from: readonly SessionStatus[];
  readonly to: 'live' | 'completed';
  /** The moment the flip is due: the session's start or end. */
  readonly due: (session: Session) => Date;
};

/**
 * Flips the session's status once (a conditional update), then tells every participant.
 * The message goes out also when the flip happened in an earlier run that crashed before
 * telling everyone: the delivery log decides who still needs it.
 */
async function flipAndTell(
  deps: CoreDeps,
  sessionId: SessionId,
  flip: Flip,
  progress?: () => Promise<void>,
): Promise<Outcome> {
  const now = deps.clock.now();
  const before = await deps.sessions.get(sessionId);
  if (!before) return skipped('session no longer exists');
  if (now < flip.due(before)) return skipped('not due yet (the session was moved)');
  const flipped = await deps.sessions.setStatus(sessionId, flip.from, flip.to, now);
  const session = flipped ?? (await deps.sessions.get(sessionId));
  if (!session || session.status !== flip.to) {
    return skipped(`session is ${session?.status ?? 'gone'}`);
  }
  if (flip.to === 'live' && now >= session.endsAt) return skipped('session already ended');
  if (flip.to === 'live') {
    // The room is opened again at the start: a BigBlueButton server ends an empty meeting
    // after a few minutes, so the one opened at publication may be gone.
    await openRoom(deps, session).catch((err: unknown) =>
      deps.logger.warn({ err, sessionId }, 'could not open the BigBlueButton room'),
    );
  }
  const kind = flip.to === 'live' ? 'sessionLive' : 'sessionCompleted';
  const result = await fanOut(
    deps,
    session,
    flip.to,
    0,
    attendeeIds(session),
    (card, recipient) => ({
      kind,
      recipient: recipient.id,
      workspaceId: session.workspaceId,
      session: card,
    }),
    progress,
  );
  return { done: true, ...result };
}

/** A job that moves a session from one status to the next when due, and tells its people. */
const flipJob =
  (flip: Flip) => (deps: CoreDeps, job: { sessionId: SessionId }, progress?: () => Promise<void>) =>
    flipAndTell(deps, job.sessionId, flip, progress);

/** At start: the session becomes live (once) and its attendees are told, with *Join*. */
export const startSession = flipJob({ from: ['published'], to: 'live', due: (s) => s.startsAt });

/** At end: the session is completed and its attendees are offered *Book the next one*. */
export const completeSession = flipJob({
  from: ['published', 'live'],
  to: 'completed',
  due: (s) => s.endsAt,
});
