import { DomainError, fail, ok, type Result } from '../errors.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { alreadyAnswered, loadAnswerable } from './answer.js';
import { peopleOfRequests, requestView } from './request.view.js';
import { requestIdSchema } from './schemas.js';

/**
 * docs/product.md#mentor-offers-to-mentor: the mentee dismisses a mentor's "I want to mentor
 * you!". On purpose, nobody is notified: the mentor is spared a rejection message.
 */
export function dismissOffer(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ request: RequestView }>> {
  return runCommand(deps, request, requestIdSchema, async ({ actor, input, now }) => {
    const found = await loadAnswerable(deps, actor, input.requestId, 'mentorToMentee');
    if (found instanceof DomainError) return fail(found);
    const dismissed = await deps.requests.transition(found.id, ['pending'], 'dismissed', now);
    if (!dismissed) {
      return fail(alreadyAnswered((await deps.requests.get(found.id)) ?? found));
    }
    const people = await peopleOfRequests(deps, [dismissed]);
    return ok({ request: requestView(dismissed, people, actor) });
  });
}
