import type { Notification } from '../notifications.js';
import type { Person, PersonId } from '../people/person.js';
import { sessionCard } from '../sessions/card.js';
import type { Session } from '../sessions/session.js';
import type { CoreDeps } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { DEFAULT_CONFIG } from '../workspaces/workspace.js';

export type DeliveryKind = 'reminder' | 'invitationReminder' | 'live' | 'completed';

/** One delivery, ever: the key the delivery log holds for it. */
export const deliveryKey = (
  kind: DeliveryKind,
  sessionId: string,
  personId: PersonId,
  offset = 0,
) => `${kind}:${sessionId}:${personId}:${offset}`;

export interface FanOutResult {
  readonly sent: number;
  /** Already delivered by an earlier or concurrent run. */
  readonly alreadySent: number;
  readonly failed: number;
}

/**
 * Who takes part, and so gets reminders, *Live* and *completed* (M7): the session's mentors
 * and enrolled mentees. An invitee who has not enrolled has not said they will come.
 */
export const attendeeIds = (session: Session): PersonId[] => [
  ...new Set([...session.mentorIds, ...session.enrolledIds]),
];

/** Invited mentees who have not enrolled yet: they are reminded once to answer. */
export const undecidedIds = (session: Session): PersonId[] =>
  session.invitedIds.filter((id) => !session.enrolledIds.includes(id));

/**
 * Sends one message to each of `ids`, once: the delivery key is claimed before sending,
 * marked sent after, and given back if the send fails, so a retry (or another instance
 * after a crash) sends exactly the messages still missing. Only a crash between a send and
 * its mark could repeat that one message. `progress` runs every few deliveries so the
 * job can keep its lock.
 */
export async function fanOut(
  deps: CoreDeps,
  session: Session,
  kind: DeliveryKind,
  offset: number,
  ids: readonly PersonId[],
  build: (card: SessionCard, recipient: Person) => Notification,
  progress?: () => Promise<void>,
): Promise<FanOutResult> {
  const people = new Map(
    (await deps.people.getMany([...new Set([...ids, ...session.mentorIds])])).map((p) => [p.id, p]),
  );
  // The workspace's switches decide some of the buttons on each card.
  const workspace = await deps.workspaces.get(session.workspaceId);
  const switches = workspace?.config ?? DEFAULT_CONFIG;
  let sent = 0;
  let alreadySent = 0;
  let failed = 0;
  for (const [i, id] of ids.entries()) {
    const recipient = people.get(id);
    if (!recipient) continue;
    const key = deliveryKey(kind, session.id, id, offset);
    if (!(await deps.deliveries.claim(key, deps.clock.now()))) {
      alreadySent++;
      continue;
    }
    try {
      const card = sessionCard(session, recipient, people, deps.clock.now(), switches, deps);
      await deps.notifier.notify(build(card, recipient));
      await deps.deliveries.markSent(key, deps.clock.now());
      sent++;
    } catch (err) {
      failed++;
      deps.logger.warn(
        { err, sessionId: session.id, recipient: id, kind },
        'delivery failed; will retry',
      );
      await deps.deliveries.release(key);
    }
    if (progress && i % 10 === 9) await progress();
  }
  return { sent, alreadySent, failed };
}
