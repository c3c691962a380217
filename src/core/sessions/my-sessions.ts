import { z } from 'zod';
import { type ActionKind, mayCreateSessions } from '../actions.js';
import { ok, type Result } from '../errors.js';
import type { Person } from '../people/person.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { canSee } from './access.js';
import { mentorIdsOf, sessionCard } from './card.js';
import type { QueryRequest } from './load.js';
import type { Session } from './session.js';

export interface MySessions {
  /** Soonest first: published sessions not yet started, and the reader's own drafts. */
  readonly upcoming: readonly SessionCard[];
  /** Started and not ended, earliest start first. */
  readonly live: readonly SessionCard[];
  /** Most recent first. */
  readonly completed: readonly SessionCard[];
  /** `createSession` for mentors and session managers. */
  readonly actions: readonly ActionKind[];
}

const mySessionsSchema = z.object({
  limit: z.coerce
    .number({ error: 'The limit must be a number.' })
    .int({ error: 'The limit must be a whole number.' })
    .min(1, { error: 'Show at least 1 session.' })
    .max(50, { error: 'Show at most 50 sessions.' })
    .default(10),
});

const byStart = (a: Session, b: Session) => a.startsAt.getTime() - b.startsAt.getTime();

/**
 * *My mentoring sessions* (docs/product.md#app-home): the reader's sessions as mentor, invitee
 * or enrolled mentee, split by the status they would see now (`effectiveStatus`, so a late job
 * never shows a started session as upcoming). Each list is capped at `limit`.
 */
export function mySessions(deps: CoreDeps, request: QueryRequest): Promise<Result<MySessions>> {
  return runQuery(deps, request, mySessionsSchema, async ({ actor, workspace, input, now }) => {
    const base = { workspaceId: workspace.id, limit: input.limit };
    const mine = { ...base, participantId: actor.id };
    const [published, drafts, live, completed] = await Promise.all([
      deps.sessions.find({ ...mine, statuses: ['published'], startsAfter: now }),
      // Drafts only for their mentors: invitees of a draft have not been told of it yet.
      deps.sessions.find({ ...base, mentorId: actor.id, statuses: ['draft'] }),
      deps.sessions.find({
        ...mine,
        statuses: ['published', 'live'],
        startsBefore: now,
        endsAfter: now,
      }),
      deps.sessions.find({
        ...mine,
        statuses: ['published', 'live', 'completed'],
        endsBefore: now,
        sort: 'startsDesc',
      }),
    ]);
    const upcoming = [...published, ...drafts].sort(byStart).slice(0, input.limit);
    const all = [...upcoming, ...live, ...completed];
    const people = new Map(
      (await deps.people.getMany(mentorIdsOf(all))).map((p): [string, Person] => [p.id, p]),
    );
    const cards = (list: readonly Session[]) =>
      list
        .filter((s) => canSee(s, actor))
        .map((s) => sessionCard(s, actor, people, now, workspace.config, deps.rooms));
    return ok({
      upcoming: cards(upcoming),
      live: cards(live),
      completed: cards(completed),
      actions: mayCreateSessions(actor) ? ['createSession'] : [],
    });
  });
}
