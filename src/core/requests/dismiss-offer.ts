import { ok, type Result } from '../errors.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { type Answer, answerRequest } from './answer.js';
import { peopleOfRequests, requestView } from './request.view.js';
import { requestIdSchema } from './schemas.js';

const DISMISS: Answer = { kind: 'mentorToMentee', status: 'dismissed' };

/**
 * docs/product.md#mentor-offers-to-mentor: the mentee dismisses a mentor's "I want to mentor
 * you!". On purpose, nobody is notified: the mentor is spared a rejection message.
 */
export function dismissOffer(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ request: RequestView }>> {
  return runCommand(deps, request, requestIdSchema, async ({ actor, input, now }) => {
    const answered = await answerRequest(deps, { actor, now }, input.requestId, DISMISS);
    if (!answered.ok) return answered;
    const dismissed = answered.value;
    const people = await peopleOfRequests(deps, [dismissed]);
    return ok({ request: requestView(dismissed, people, actor) });
  });
}
