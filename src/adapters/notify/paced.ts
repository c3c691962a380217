import type { Notification } from '../../core/notifications.js';
import type { Notifier } from '../../core/ports.js';
import { RateLimitedError } from './rate-limit.js';

export interface PacingOptions {
  /** Messages per second allowed for one workspace. */
  readonly perSecond: number;
  /** How many may go at once after a quiet spell. Default: one second's worth. */
  readonly burst?: number;
  /** Attempts after rate-limit answers before giving up on one message. Default 5. */
  readonly maxRetries?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Set by a rate-limit answer: nobody sends to this workspace before then. */
  pausedUntil: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces messages per workspace with a token bucket, so long fan-outs (reminders to
 * thousands) stay under the platform's limits instead of hammering into 429s. When the
 * platform still answers "rate limited", the whole workspace waits `Retry-After` and the
 * message is sent again.
 */
export class PacedNotifier implements Notifier {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly burst: number;
  /** Messages that got a rate-limit answer, for logs and benchmarks. */
  rateLimited = 0;

  constructor(
    private readonly inner: Notifier,
    private readonly options: PacingOptions,
  ) {
    if (!(options.perSecond > 0)) throw new Error('PacedNotifier: perSecond must be positive');
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.burst = options.burst ?? Math.max(1, Math.ceil(options.perSecond));
  }

  async notify(notification: Notification): Promise<void> {
    const maxRetries = this.options.maxRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      await this.take(notification.workspaceId);
      try {
        await this.inner.notify(notification);
        return;
      } catch (err) {
        if (!(err instanceof RateLimitedError) || attempt >= maxRetries) throw err;
        this.rateLimited++;
        const bucket = this.bucket(notification.workspaceId);
        bucket.pausedUntil = Math.max(bucket.pausedUntil, this.now() + err.retryAfterMs);
        bucket.tokens = 0;
      }
    }
  }

  private bucket(workspaceId: string): Bucket {
    let bucket = this.buckets.get(workspaceId);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: this.now(), pausedUntil: 0 };
      this.buckets.set(workspaceId, bucket);
    }
    return bucket;
  }

  /** Waits until the workspace may send one more message, and takes that turn. */
  private async take(workspaceId: string): Promise<void> {
    const bucket = this.bucket(workspaceId);
    for (;;) {
      const now = this.now();
      if (now < bucket.pausedUntil) {
        await this.sleep(bucket.pausedUntil - now);
        continue;
      }
      const elapsed = (now - bucket.updatedAt) / 1000;
      bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.options.perSecond);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.sleep(((1 - bucket.tokens) / this.options.perSecond) * 1000);
    }
  }
}
