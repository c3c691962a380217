import { ok, type Result } from '../errors.js';
import { type CoreDeps, orTryAgain } from '../usecase.js';
import { peopleOfRequests, requestView, senderOf } from './request.view.js';

const BATCH = 100;
/** A bound on one run; the next run picks up the rest. */
const MAX_BATCHES = 50;

/**
 * docs/product.md#request-statuses: pending requests past their `expiresAt` become `expired`
 * and their sender is told. Each change is one conditional update, so a request answered
 * meanwhile is left alone and a run repeated (or running on two instances) tells nobody twice.
 * Returns how many expired.
 */
export async function expireRequests(deps: CoreDeps, now: Date): Promise<Result<number>> {
  let expired = 0;
  return orTryAgain(deps, 'request expiry', async () => {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await deps.requests.findExpired(now, BATCH);
      for (const request of due) {
        const changed = await deps.requests.transition(request.id, ['pending'], 'expired', now);
        if (!changed) continue;
        expired += 1;
        const people = await peopleOfRequests(deps, [changed]);
        const sender = people.get(senderOf(changed));
        if (!sender) continue;
        try {
          await deps.notifier.notify({
            kind: 'requestExpired',
            recipient: sender.id,
            workspaceId: changed.workspaceId,
            request: requestView(changed, people, sender),
          });
        } catch (err) {
          // The request stays expired; a lost message is logged, not retried into a duplicate.
          deps.logger.error({ err, requestId: changed.id }, 'request expiry notification failed');
        }
      }
      if (due.length < BATCH) break;
    }
    return ok(expired);
  });
}
