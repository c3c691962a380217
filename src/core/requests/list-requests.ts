import { z } from 'zod';
import { fail, forbidden, ok, type Result } from '../errors.js';
import { isMentor } from '../people/person.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import type { RequestStatus } from './request.js';
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
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ limit: 50 });

/** Pending first (they need an answer), then the newest. */
const byPendingThenNewest = <T extends { status: RequestStatus; createdAt: Date }>(a: T, b: T) =>
  Number(b.status === 'pending') - Number(a.status === 'pending') ||
  b.createdAt.getTime() - a.createdAt.getTime();

/**
 * "My mentorship requests" (docs/product.md#my-mentorship-requests), the mentees' view: only
 * requests where the actor is the mentee (their requests to mentors, and mentors' offers to
 * them). A mentor's own side of a request never appears here, even though every person is also
 * a mentee (docs/product.md#roles).
 */
export function myMentorshipRequests(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<{ requests: MyRequestItem[] }>> {
  return runQuery(deps, request, schema, async ({ actor, input }) => {
    const requests = await deps.requests.find({
      workspaceId: actor.workspaceId,
      menteeId: actor.id,
      ...(input.statuses ? { statuses: input.statuses } : {}),
      limit: input.limit,
    });
    const people = await peopleOfRequests(deps, requests);
    const items = requests
      .filter((r) => r.menteeId === actor.id)
      .sort(byPendingThenNewest)
      .map((r): MyRequestItem => {
        const view = requestView(r, people, actor);
        return { request: view, actions: view.actions };
      });
    return ok({ requests: items });
  });
}

/**
 * The mentor's inbox: mentees' requests to the actor, with *Schedule session* and *Decline*
 * on those still pending. Only mentors have it.
 */
export function incomingRequests(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<{ requests: IncomingRequestItem[] }>> {
  return runQuery(deps, request, schema, async ({ actor, input }) => {
    if (!isMentor(actor)) {
      return fail(
        forbidden('Only mentors receive session requests. Set up your mentor profile first.'),
      );
    }
    const requests = await deps.requests.find({
      workspaceId: actor.workspaceId,
      mentorId: actor.id,
      kind: 'menteeToMentor',
      statuses: input.statuses ?? ['pending'],
      limit: input.limit,
    });
    const people = await peopleOfRequests(deps, requests);
    const items = requests.sort(byPendingThenNewest).map((r): IncomingRequestItem => {
      const view = requestView(r, people, actor);
      return { request: view, actions: view.actions };
    });
    return ok({ requests: items });
  });
}
