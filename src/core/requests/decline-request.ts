import { DomainError, fail, ok, type Result } from '../errors.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { alreadyAnswered, loadAnswerable } from './answer.js';
import { peopleOfRequests, requestView } from './request.view.js';
import { requestIdSchema } from './schemas.js';

/**
 * docs/product.md#mentee-asks-a-mentor: the mentor presses *Decline* on a mentee's request; the
 * mentee is told.
 */
export function declineRequest(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ request: RequestView }>> {
  return runCommand(deps, request, requestIdSchema, async ({ actor, input, now, effects }) => {
    const found = await loadAnswerable(deps, actor, input.requestId, 'menteeToMentor');
    if (found instanceof DomainError) return fail(found);
    const declined = await deps.requests.transition(found.id, ['pending'], 'declined', now);
    if (!declined) {
      return fail(alreadyAnswered((await deps.requests.get(found.id)) ?? found));
    }
    const people = await peopleOfRequests(deps, [declined]);
    const mentee = people.get(declined.menteeId);
    if (mentee) {
      effects.notify({
        kind: 'requestDeclined',
        recipient: mentee.id,
        workspaceId: declined.workspaceId,
        request: requestView(declined, people, mentee),
      });
    }
    return ok({ request: requestView(declined, people, actor) });
  });
}
