import type { Notification } from '../notifications.js';
import type { Person, PersonId } from '../people/person.js';
import type { CommandContext, CoreDeps } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { seesMeeting } from './access.js';
import { sessionCard } from './card.js';
import type { SessionResult } from './results.js';
import type { Session } from './session.js';

/**
 * The people a session's cards mention (its mentors) plus `others`, by id: every card is
 * made for its reader, in their zone, so recipients are loaded too.
 */
export async function peopleFor(
  deps: CoreDeps,
  session: Pick<Session, 'mentorIds'>,
  others: readonly PersonId[] = [],
): Promise<Map<PersonId, Person>> {
  const ids = [...new Set([...session.mentorIds, ...others])];
  return new Map((await deps.people.getMany(ids)).map((p) => [p.id, p]));
}

/** What a session command returns to its actor: the card, the version, and the meeting. */
export async function resultFor(
  deps: CoreDeps,
  session: Session,
  ctx: Pick<CommandContext<unknown>, 'actor' | 'now' | 'workspace'>,
): Promise<SessionResult> {
  const people = await peopleFor(deps, session);
  const { actor, now, workspace } = ctx;
  return {
    session: sessionCard(session, actor, people, now, workspace.config, deps),
    version: session.version,
    ...(session.meeting && seesMeeting(session, actor, now) ? { meeting: session.meeting } : {}),
  };
}

/**
 * Queues one notification per recipient, each with a card made for that recipient. Sent
 * only once the command commits (`effects.notify`).
 */
export async function notifyEach(
  deps: CoreDeps,
  ctx: Pick<CommandContext<unknown>, 'now' | 'effects' | 'workspace'>,
  session: Session,
  recipientIds: readonly PersonId[],
  build: (card: SessionCard, recipient: Person) => Notification,
): Promise<void> {
  if (recipientIds.length === 0) return;
  const people = await peopleFor(deps, session, recipientIds);
  for (const id of new Set(recipientIds)) {
    const recipient = people.get(id);
    // Someone who left the workspace since they were invited has no one to tell.
    if (!recipient) continue;
    ctx.effects.notify(
      build(
        sessionCard(session, recipient, people, ctx.now, ctx.workspace.config, deps),
        recipient,
      ),
    );
  }
}

/** Invitees of a published session are told, with a card they can enrol from. */
export function notifyInvited(
  deps: CoreDeps,
  ctx: Pick<CommandContext<unknown>, 'now' | 'effects' | 'actor' | 'workspace'>,
  session: Session,
  recipientIds: readonly PersonId[],
): Promise<void> {
  return notifyEach(deps, ctx, session, recipientIds, (card, recipient) => ({
    kind: 'sessionInvited',
    recipient: recipient.id,
    workspaceId: session.workspaceId,
    session: card,
    by: { id: ctx.actor.id, name: ctx.actor.displayName },
  }));
}

/**
 * Reminders, live and completed jobs follow the session's times
 * (docs/product.md#scheduled-work), after commit.
 */
export function scheduleJobs(
  deps: CoreDeps,
  ctx: Pick<CommandContext<unknown>, 'effects' | 'workspace'>,
  session: Pick<Session, 'id' | 'startsAt' | 'endsAt'>,
): void {
  const times = { id: session.id, startsAt: session.startsAt, endsAt: session.endsAt };
  const offsets = ctx.workspace.config.reminderOffsetsMinutes;
  ctx.effects.after(() => deps.scheduler.sessionScheduled(times, offsets));
}
