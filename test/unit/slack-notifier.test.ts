import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PacedNotifier } from '../../src/adapters/notify/paced.js';
import { RateLimitedError } from '../../src/adapters/notify/rate-limit.js';
import { singleWorkspace } from '../../src/adapters/slack/auth.js';
import { DirectMessages, SlackNotifier } from '../../src/adapters/slack/notifier.js';
import { ClientCache } from '../../src/adapters/slack/web.js';
import type { Notification } from '../../src/core/notifications.js';
import { createLogger } from '../../src/logger.js';

/**
 * The Slack notifier turns Slack's 429 (with Retry-After) into the RateLimitedError the
 * paced notifier understands, and the paced notifier delivers the message on the retry.
 * Slack's Web API is served by nock at a stand-in host (SLACK_API_URL).
 */

const HOST = 'http://slack-notifier.test';
const TOKEN = 'xoxb-unit-notifier-token';
const TEAM = 'T0UNIT';
const MENTEE = 'U0MENTEE';

const declined: Notification = {
  kind: 'requestDeclined',
  recipient: `slack:${TEAM}:${MENTEE}`,
  workspaceId: `slack:${TEAM}`,
  request: {
    id: 'r1',
    kind: 'menteeToMentor',
    status: 'declined',
    mentee: { id: `slack:${TEAM}:${MENTEE}`, name: 'Grace' },
    mentor: { id: `slack:${TEAM}:U0MENTOR`, name: 'Ada' },
    createdAt: { utc: '2025-01-01T09:00:00.000Z', timeZone: 'UTC' },
    actions: [],
    expiresAt: { utc: '2025-01-08T09:00:00.000Z', timeZone: 'UTC' },
  },
};

const notifier = () =>
  new SlackNotifier(
    singleWorkspace(TOKEN, [], async () => ({ teamId: TEAM })),
    new ClientCache(`${HOST}/api/`),
    new DirectMessages(),
    createLogger({ LOG_LEVEL: 'silent' }),
  );

/** Slack, as seen with our bot token: the DM channel opens, postMessage answers as told. */
function slackApi() {
  const posted: string[] = [];
  const api = nock(HOST, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
  api.post('/api/conversations.open').reply(200, { ok: true, channel: { id: `D${MENTEE}` } });
  const rateLimited = (seconds: number) =>
    api
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(seconds) });
  const delivers = () =>
    api.post('/api/chat.postMessage').reply(200, (_uri, body) => {
      posted.push(typeof body === 'string' ? body : new URLSearchParams(body as never).toString());
      return { ok: true, channel: `D${MENTEE}`, ts: '1700000000.000100' };
    });
  return { api, posted, rateLimited, delivers };
}

afterEach(() => {
  nock.cleanAll();
});

describe('SlackNotifier rate limits', () => {
  it('turns a 429 from chat.postMessage into RateLimitedError with Retry-After in ms', async () => {
    const slack = slackApi();
    slack.rateLimited(7);
    const error = await notifier()
      .notify(declined)
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
    // Refused at once: no hidden retry inside the Web API client.
    slack.api.done();
    expect(slack.posted).toEqual([]);
  });

  it('wrapped in PacedNotifier, waits Retry-After and delivers the message on the retry', async () => {
    const slack = slackApi();
    slack.rateLimited(3);
    slack.delivers();
    let now = 0;
    const waits: number[] = [];
    const paced = new PacedNotifier(notifier(), {
      perSecond: 10,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });

    await paced.notify(declined);

    slack.api.done();
    expect(paced.rateLimited).toBe(1);
    expect(waits).toEqual([3_000]);
    expect(slack.posted).toHaveLength(1);
    const args = new URLSearchParams(slack.posted[0]);
    expect(args.get('channel')).toBe(`D${MENTEE}`);
    expect(args.get('text')).toContain('Ada declined your request');
  });
});
