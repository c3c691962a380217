import { z } from 'zod';
import { type ActionKind, mayCreateSessions } from '../actions.js';
import { ok, type Result } from '../errors.js';
import {
  infoOf,
  merged,
  offsetSchema,
  PAGE_SIZE,
  type PageInfo,
  pageAcross,
  type Source,
} from '../paging.js';
import type { Person } from '../people/person.js';
import type { SessionQuery } from '../ports.js';
import { type CoreDeps, runQuery } from '../usecase.js';
import type { SessionCard } from '../views.js';
import { canSee } from './access.js';
import { mentorIdsOf, sessionCard } from './card.js';
import type { QueryRequest } from './load.js';
import type { Session } from './session.js';

export interface MySessions {
  /** On this page of the current list (live first, then upcoming): the live ones. */
  readonly live: readonly SessionCard[];
  /**
   * On this page of the current list: published sessions not yet started and the reader's
   * own drafts, soonest first.
   */
  readonly upcoming: readonly SessionCard[];
  /** This page of the completed ones, most recent first. */
  readonly completed: readonly SessionCard[];
  /** Where the pages stand: `current` is live then upcoming, `past` is completed. */
  readonly pages: { readonly current: PageInfo; readonly past: PageInfo };
  /** The true counts, whatever the page ("2 live, 80 upcoming"). */
  readonly counts: { readonly live: number; readonly upcoming: number; readonly completed: number };
  /** `createSession` for mentors and session managers. */
  readonly actions: readonly ActionKind[];
}

export const mySessionsSchema = z.object({
  /** Sessions on a page. */
  limit: z.coerce
    .number({ error: 'The limit must be a number.' })
    .int({ error: 'The limit must be a whole number.' })
    .min(1, { error: 'Show at least 1 session.' })
    .max(50, { error: 'Show at most 50 sessions.' })
    .default(PAGE_SIZE),
  /** The page of live and upcoming sessions. */
  offset: offsetSchema,
  /** The page of completed sessions. */
  completedOffset: offsetSchema,
});

export type MySessionsInput = z.input<typeof mySessionsSchema>;

const byStart = (a: Session, b: Session) => a.startsAt.getTime() - b.startsAt.getTime();

/**
 * *My mentoring sessions* (docs/product.md#app-home): the reader's sessions as mentor, invitee
 * or enrolled mentee, split by the status they would see now (`effectiveStatus`, so a late job
 * never shows a started session as upcoming): live first, then upcoming, one page at a time
 * with the true counts; the completed ones paged apart.
 */
export function mySessions(deps: CoreDeps, request: QueryRequest): Promise<Result<MySessions>> {
  return runQuery(deps, request, mySessionsSchema, async ({ actor, workspace, input, now }) => {
    const base = { workspaceId: workspace.id };
    const mine = { ...base, participantId: actor.id };
    const source = async (query: Omit<SessionQuery, 'limit'>): Promise<Source<Session>> => ({
      total: await deps.sessions.count(query),
      first: (limit) => deps.sessions.find({ ...query, limit }),
    });
    const [live, published, drafts, completed] = await Promise.all([
      source({ ...mine, statuses: ['published', 'live'], startsBefore: now, endsAfter: now }),
      source({ ...mine, statuses: ['published'], startsAfter: now }),
      // Drafts only for their mentors: invitees of a draft have not been told of it yet.
      source({ ...base, mentorId: actor.id, statuses: ['draft'] }),
      source({
        ...mine,
        statuses: ['published', 'live', 'completed'],
        endsBefore: now,
        sort: 'startsDesc',
      }),
    ]);
    const upcoming = merged(published, drafts, byStart);
    const [current, past] = await Promise.all([
      pageAcross([live, upcoming], input.offset, input.limit),
      pageAcross([completed], input.completedOffset, input.limit),
    ]);
    const people = new Map(
      (await deps.people.getMany(mentorIdsOf([...current.items, ...past.items]))).map(
        (p): [string, Person] => [p.id, p],
      ),
    );
    const cards = (list: readonly Session[]) =>
      list
        .filter((s) => canSee(s, actor))
        .map((s) => sessionCard(s, actor, people, now, workspace.config, deps));
    // The live ones stand first in the current list: those before `live.total` are live.
    const liveOnPage = Math.max(0, Math.min(current.items.length, live.total - current.offset));
    return ok({
      live: cards(current.items.slice(0, liveOnPage)),
      upcoming: cards(current.items.slice(liveOnPage)),
      completed: cards(past.items),
      pages: { current: infoOf(current), past: infoOf(past) },
      counts: { live: live.total, upcoming: upcoming.total, completed: completed.total },
      actions: mayCreateSessions(actor) ? ['createSession'] : [],
    });
  });
}

/** "2 live, 8 upcoming", "8 upcoming", "0 upcoming": the true counts, whatever the page. */
export const liveAndUpcoming = (counts: MySessions['counts']) =>
  counts.live > 0
    ? `${counts.live} live, ${counts.upcoming} upcoming`
    : `${counts.upcoming} upcoming`;
