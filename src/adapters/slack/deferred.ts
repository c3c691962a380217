import { AsyncLocalStorage } from 'node:async_hooks';
import type { Notification } from '../../core/notifications.js';
import type { Notifier } from '../../core/ports.js';
import type { Logger } from '../../logger.js';

/**
 * Inside a Slack request, notifications must not hold up the answer to Slack (3 s): a
 * published session may tell fifty invitees at the paced rate. Listeners run inside
 * `interactive`, and there the notifier starts the delivery and returns; scheduled jobs
 * (outside any request) still wait for delivery, which their delivery log relies on.
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
      this.logger.error({ err, kind: notification.kind }, 'slack: notification not delivered');
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Waits for deliveries started by requests (graceful shutdown, tests), up to `ms`. */
  async drain(ms: number): Promise<void> {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([Promise.all([...this.inFlight]), timeout]);
  }

  get pending(): number {
    return this.inFlight.size;
  }
}

/**
 * Work after an ack waits for one of a fixed number of slots. Slack's answer is already
 * sent, so waiting costs nothing visible; without a bound, a burst of requests would start
 * thousands of database and Web API conversations at once and the event loop would answer
 * new requests (whose 3-second clock is running) behind all of them.
 */
export class WorkSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** Shared by every listener of the process. */
export const afterAck = new WorkSlots(2);
