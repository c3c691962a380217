import { webApi } from '@slack/bolt';
import { RateLimitedError } from '../notify/rate-limit.js';

export type WebClient = webApi.WebClient;

/**
 * Web API clients. Rate-limited calls fail at once (`rejectRateLimitedCalls`), so a call
 * inside Slack's 3-second window can tell the person to try again instead of hanging, and
 * calls after the window are retried after `Retry-After` by `afterRateLimit` or by the
 * paced notifier. Network failures get two quick retries.
 */
export function clientOptions(
  slackApiUrl: string | undefined,
  logger?: webApi.WebClientOptions['logger'],
): webApi.WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    ...(logger ? { logger } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1_000 },
    timeout: 10_000,
  };
}

export function isRateLimited(err: unknown): err is webApi.WebAPIRateLimitedError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError
  );
}

/** Slack's 429 in the shape the paced notifier understands. */
export function toRateLimitedError(err: unknown): unknown {
  return isRateLimited(err) ? new RateLimitedError(Math.max(1, err.retryAfter) * 1000) : err;
}

const MAX_WAIT_MS = 30_000;

/** Work after the ack: a 429 waits `Retry-After` (at most 30 s) and tries again, twice. */
export async function afterRateLimit<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isRateLimited(err) || attempt >= attempts) throw err;
      const wait = Math.min(MAX_WAIT_MS, Math.max(1, err.retryAfter) * 1000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** One client per token, reused: each keeps its own request queue. */
export class ClientCache {
  private readonly clients = new Map<string, WebClient>();
  constructor(
    private readonly slackApiUrl: string | undefined,
    private readonly logger?: webApi.WebClientOptions['logger'],
  ) {}

  get(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, clientOptions(this.slackApiUrl, this.logger));
      this.clients.set(token, client);
    }
    return client;
  }
}

/**
 * Posts to an interaction's `response_url` (to update or answer an ephemeral message). The
 * URL comes back to us through our own signed payloads, and is still checked to be Slack's
 * (or the configured stand-in's) before anything is sent to it.
 */
export async function postToResponseUrl(
  url: string,
  body: object,
  allowedHosts: ReadonlySet<string>,
): Promise<void> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return;
  }
  if (!allowedHosts.has(host)) return;
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

export function responseUrlHosts(slackApiUrl: string | undefined): Set<string> {
  const hosts = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
  if (slackApiUrl) hosts.add(new URL(slackApiUrl).host);
  return hosts;
}
