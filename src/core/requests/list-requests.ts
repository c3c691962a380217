import { z } from 'zod';
import { fail, forbidden, ok, type Result } from '../errors.js';
import {
  infoOf,
  offsetSchema,
  PAGE_SIZE,
  type PageInfo,
  pageAcross,
  type Source,
} from '../paging.js';
import { isMentor } from '../people/person.js';
import type { RequestQuery } from '../ports.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import type { MentorshipRequest } from './request.js';
import {
  type IncomingRequestItem,
  type MyRequestItem,
  peopleOfRequests,
  requestView,
} from './request.view.js';

const STATUSES = ['pending', 'scheduled', 'accepted', 'declined', 'dismissed', 'expired'] as const;

const schema = z
  .object({
    /** Only these statuses; all of them when absent. */
    statuses: z.array(z.enum(STATUSES, { error: 'Pick a known request status.' })).optional(),
    /** Requests on a page. */
    limit: z.number().int().min(1).max(100).default(PAGE_SIZE),
    offset: offsetSchema,
  })
  .default({ limit: PAGE_SIZE, offset: 0 });

type ListInput = z.output<typeof schema>;

/** One page of requests, with where it stands in the whole list. */
export interface RequestPage<T> {
  readonly requests: T[];
  readonly page: PageInfo;
}

/**
 * Pending first (they need an answer), then the others; the newest first within each. Read
 * as two lists, so every page is in that order however long the list is.
 */
async function pendingFirst(
  deps: CoreDeps,
  query: Omit<RequestQuery, 'limit' | 'statuses'>,
  input: ListInput,
) {
  const wanted = input.statuses ?? STATUSES;
  const source = async (statuses: readonly MentorshipRequest['status'][]) =>
    statuses.length === 0
      ? { total: 0, first: async () => [] }
      : ({
          total: await deps.requests.count({ ...query, statuses }),
          first: (limit: number) => deps.requests.find({ ...query, statuses, limit }),
        } satisfies Source<MentorshipRequest>);
  const [pending, others] = await Promise.all([
    source(wanted.filter((s) => s === 'pending')),
    source(wanted.filter((s) => s !== 'pending')),
  ]);
  return pageAcross<MentorshipRequest>([pending, others], input.offset, input.limit);
}

/**
 * "My mentorship requests" (docs/product.md#my-mentorship-requests), the mentees' view: only
 * requests where the actor is the mentee (their requests to mentors, and mentors' offers to
 * them), a page at a time. A mentor's own side of a request never appears here, even though
 * every person is also a mentee (docs/product.md#roles).
 */
export function myMentorshipRequests(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<RequestPage<MyRequestItem>>> {
  return runQuery(deps, request, schema, async ({ actor, input }) => {
    const page = await pendingFirst(
      deps,
      { workspaceId: actor.workspaceId, menteeId: actor.id },
      input,
    );
    const people = await peopleOfRequests(deps, page.items);
    const requests = page.items.map((r): MyRequestItem => {
      const view = requestView(r, people, actor);
      return { request: view, actions: view.actions };
    });
    return ok({ requests, page: infoOf(page) });
  });
}

/**
 * The mentor's inbox: mentees' requests to the actor (the pending ones unless other statuses
 * are asked for), with *Schedule session* and *Decline* on those still pending, a page at a
 * time. Only mentors have it.
 */
export function incomingRequests(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<RequestPage<IncomingRequestItem>>> {
  return runQuery(deps, request, schema, async ({ actor, input }) => {
    if (!isMentor(actor)) {
      return fail(
        forbidden('Only mentors receive session requests. Set up your mentor profile first.'),
      );
    }
    const page = await pendingFirst(
      deps,
      { workspaceId: actor.workspaceId, mentorId: actor.id, kind: 'menteeToMentor' },
      { ...input, statuses: input.statuses ?? ['pending'] },
    );
    const people = await peopleOfRequests(deps, page.items);
    const requests = page.items.map((r): IncomingRequestItem => {
      const view = requestView(r, people, actor);
      return { request: view, actions: view.actions };
    });
    return ok({ requests, page: infoOf(page) });
  });
}
