/**
 * Thrown by a platform notifier when the platform refused a message for rate limiting
 * (Slack 429 with Retry-After, Bot Framework 429): the message can be sent after the wait.
 */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited; retry after ${retryAfterMs} ms`,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
