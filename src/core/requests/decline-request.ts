import { ok, type Result } from '../errors.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { RequestView } from '../views.js';
import { type Answer, answerRequest } from './answer.js';
import { peopleOfRequests, requestView } from './request.view.js';
import { requestIdSchema } from './schemas.js';

const DECLINE: Answer = { kind: 'menteeToMentor', status: 'declined' };

/**
 * docs/product.md#mentee-asks-a-mentor: the mentor presses *Decline* on a mentee's request; the
 * mentee is told.
 */
export function declineRequest(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<{ request: RequestView }>> {
  return runCommand(deps, request, requestIdSchema, async ({ actor, input, now, effects }) => {
    const answered = await answerRequest(deps, { actor, now }, input.requestId, DECLINE);
    if (!answered.ok) return answered;
    const declined = answered.value;
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
