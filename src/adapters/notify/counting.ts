import type { Notification } from '../../core/notifications.js';
import type { Platform } from '../../core/people/person.js';
import type { Notifier } from '../../core/ports.js';
import { notifications, rateLimited } from '../../metrics.js';
import { RateLimitedError } from './rate-limit.js';

const skipped = new WeakSet<Notification>();

/**
 * A platform notifier found nobody to deliver to (no conversation, no token, person
 * unreachable) and returned without sending: counted as `skipped`, not `sent`.
 */
export function markSkipped(notification: Notification): void {
  skipped.add(notification);
}

/**
 * Counts each delivery attempt of the platform notifier it wraps into
 * mentorbot_notifications_total (sent, skipped, failed) and each 429 into
 * mentorbot_rate_limited_total. It sits inside the pacing, so a retried message counts
 * one rate limit per 429 and one outcome when it is finally sent or given up.
 */
export class CountingNotifier implements Notifier {
  constructor(
    private readonly platform: Platform,
    private readonly inner: Notifier,
  ) {}

  async notify(notification: Notification): Promise<void> {
    const labels = { platform: this.platform, kind: notification.kind };
    try {
      await this.inner.notify(notification);
    } catch (err) {
      if (err instanceof RateLimitedError) rateLimited.inc({ platform: this.platform });
      else notifications.inc({ ...labels, outcome: 'failed' });
      throw err;
    }
    notifications.inc({ ...labels, outcome: skipped.has(notification) ? 'skipped' : 'sent' });
  }
}
