import { AsyncLocalStorage } from 'node:async_hooks';
import type { Notification } from '../../core/notifications.js';
import type { Notifier } from '../../core/ports.js';
import type { Logger } from '../../logger.js';

/**
 * Inside a person's request, notifications must not hold up the answer (Slack's 3 s, a
 * Teams invoke's few seconds) nor the work after it: a published session may tell fifty
 * invitees at the paced rate. Slack listeners and Teams turns run inside `interactive`, and
 * there the notifier starts the delivery and returns; scheduled jobs (outside any request)
 * still wait for delivery, which their delivery log relies on.
 */
const interactive = new AsyncLocalStorage<true>();

export const runInteractive = <T>(work: () => Promise<T>) => interactive.run(true, work);

export class DeferringNotifier implements Notifier {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly inner: Notifier,
    private readonly logger: Logger,
  ) {}

  async notify(notification: Notification): Promise<void> {
    if (!interactive.getStore()) return this.inner.notify(notification);
    const delivery = this.inner.notify(notification).catch((err: unknown) => {
      this.logger.error({ err, kind: notification.kind }, 'notification not delivered');
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Waits for deliveries started by requests (graceful shutdown, tests), up to `ms`. */
  async drain(ms: number): Promise<void> {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([Promise.all([...this.inFlight]), timeout]);
  }
}
