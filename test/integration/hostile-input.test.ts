import { connect } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterAck } from '../../src/adapters/after-ack.js';
import { SERVICE_URL, taskFetch, teamsUser } from '../fixtures/teams/activities.js';
import { type SlackService, SlackStub, startSlackService } from './slack/harness.js';

/**
 * Input from whoever can reach the port: the service answers it, stays up, and never reads
 * more than it has to. The Slack and Teams endpoints of one service (Teams without an app
 * id: every activity reaches the bot, the widest surface).
 */

let service: SlackService;
let slack: SlackStub;
beforeAll(async () => {
  service = await startSlackService();
  slack = new SlackStub({});
  // The Bot Framework connector and Slack's Web API answer anything the bot sends.
  nock('https://smba.test').persist().post(/.*/).reply(200, { id: 'm' }).put(/.*/).reply(200, {});
  nock('http://slack.test').persist().post(/.*/).reply(200, { ok: true });
});
afterAll(async () => {
  slack.close();
  await service.stop();
});

/** Sends raw bytes and resolves with the status line of the answer (or 'closed'/'timeout'). */
function rawRequest(head: string, withinMs = 3_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(service.app.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, withinMs);
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer.split('\r\n')[0] || 'closed');
    });
    socket.write(head);
  });
}

describe('bodies over the limit', () => {
  it.each([
    ['/slack/events', 'application/x-www-form-urlencoded'],
    ['/api/messages', 'application/json'],
  ])(
    '%s refuses a declared Content-Length over 1 MB with 413 before reading the body',
    async (path, type) => {
      const head = [
        `POST ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Content-Type: ${type}`,
        'Content-Length: 10000000000',
        '',
        '',
      ].join('\r\n');
      // Not a byte of the body is sent: the answer can only come from the header.
      expect(await rawRequest(head)).toBe('HTTP/1.1 413 Payload Too Large');
    },
  );
});

/** A small deterministic generator, so that a failure names a case that can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Values of every wrong type a field can have. */
const WEIRD: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  'x'.repeat(200_000),
  '\u0000\u202E<!channel>',
  [],
  [null, 1, 'a'],
  {},
  { id: { $gt: '' } },
  { __proto__: { polluted: true } },
  nested(200),
];

function slackBody(r: ReturnType<typeof random>, i: number): { body: string; contentType: string } {
  const w = () => r.pick(WEIRD);
  const team = r.pick([w(), 'T0TEST', { id: w() }]);
  const shapes: (() => Record<string, unknown>)[] = [
    () => ({ type: 'event_callback', team_id: team, event: w(), event_id: w() }),
    () => ({
      type: 'event_callback',
      team_id: 'T0TEST',
      event: { type: w(), user: w(), tab: w() },
    }),
    () => ({
      type: 'event_callback',
      team_id: 'T0TEST',
      event: { type: 'app_home_opened', user: w() },
    }),
    () => ({ type: w(), team_id: team, payload: w() }),
    () => ({ type: 'block_actions', team, user: w(), actions: w(), view: w(), container: w() }),
    () => ({
      type: 'block_actions',
      team: { id: 'T0TEST' },
      user: { id: 'UFUZZ', team_id: 'T0TEST' },
      actions: [{ action_id: r.pick(['session.enrol', 'profile.mentee', w()]), value: w() }],
      container: w(),
    }),
    () => ({
      type: 'view_submission',
      team: { id: 'T0TEST' },
      user: { id: 'UFUZZ' },
      view: { callback_id: w(), private_metadata: w(), state: { values: w() } },
    }),
    () => ({ type: 'block_suggestion', team: { id: 'T0TEST' }, user: w(), value: w() }),
    () => ({ type: 'shortcut', team: w(), user: w(), callback_id: w() }),
  ];
  const payload = r.pick(shapes)();
  switch (i % 5) {
    case 0: // JSON events body
      return { body: JSON.stringify(payload), contentType: 'application/json' };
    case 1: // an interaction: payload= JSON
      return {
        body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 2: // a slash command with odd fields
      return {
        body: new URLSearchParams({
          team_id: String(r.pick(['T0TEST', '', 'x'.repeat(5000)])),
          user_id: String(w()).slice(0, 10_000),
          command: String(r.pick(['/mentorbot', '/request-session', '', w()])).slice(0, 10_000),
          text: String(w()).slice(0, 100_000),
          trigger_id: String(w()).slice(0, 100),
          response_url: String(r.pick(['http://slack.test/r', 'http://169.254.169.254/', w()])),
        }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 3: // a content type that does not match the body
      return {
        body: r.pick([JSON.stringify(payload), 'payload=%7B', '<xml/>', '\u0000\u00ff']),
        contentType: r.pick([
          'text/plain',
          'application/xml',
          'multipart/form-data',
          '',
          'a/b; x=1',
        ]),
      };
    default: // what parses into something that is not a payload
      return {
        body: r.pick([
          JSON.stringify(nested(200)),
          JSON.stringify(w()),
          new URLSearchParams({ payload: JSON.stringify(w()) }).toString(),
          'payload=not-json',
          'payload=%5B%5D&payload=%7B%7D',
        ]),
        contentType: r.pick(['application/json', 'application/x-www-form-urlencoded']),
      };
  }
}

function teamsActivity(r: ReturnType<typeof random>, i: number): { body: string; type: string } {
  const w = () => r.pick(WEIRD);
  const user = teamsUser(`Fuzz ${i}`, 'tenant-fuzz');
  const base = taskFetch(user, { verb: r.pick(['profile.mentee', 'session.create', w()]) });
  const field = r.pick([
    'type',
    'name',
    'from',
    'conversation',
    'recipient',
    'channelData',
    'value',
    'text',
    'serviceUrl',
    'channelId',
    'attachments',
    'entities',
    'localTimezone',
    'timestamp',
    'replyToId',
  ]);
  const activity: Record<string, unknown> = {
    ...base,
    type: r.pick(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event']),
    name: r.pick(['task/fetch', 'task/submit', 'adaptiveCard/action', 'composeExtension/query']),
    text: r.pick(['help', 'my sessions', '']),
    serviceUrl: SERVICE_URL,
    [field]: w(),
  };
  if (i % 7 === 0) activity.value = { data: w(), action: { verb: w(), data: w() } };
  if (i % 11 === 0) activity.from = { id: w(), aadObjectId: w(), name: w() };
  const body =
    i % 13 === 0
      ? r.pick([JSON.stringify(nested(200)), '[]', 'null', '"x"', '{"type":'])
      : JSON.stringify(activity);
  const type = i % 17 === 0 ? r.pick(['text/plain', 'application/xml', '']) : 'application/json';
  return { body, type };
}

describe('malformed input never becomes a 5xx', () => {
  const allowed = (status: number, teams: boolean) =>
    status < 500 || status === 503 || (teams && status === 501);

  it('500 signed malformed Slack bodies and 500 malformed Teams activities: no 5xx, up, RSS < 400 MB', {
    timeout: 180_000,
  }, async () => {
    const r = random(20261201);
    const failures: string[] = [];
    let peakRss = process.memoryUsage().rss;
    const url = `http://127.0.0.1:${service.app.port}/api/messages`;
    const cases: (() => Promise<void>)[] = [];
    for (let i = 0; i < 500; i++) {
      const signed = slackBody(r, i);
      cases.push(async () => {
        const res = await service.send(signed);
        await res.arrayBuffer();
        if (!allowed(res.status, false))
          failures.push(
            `slack #${i} ${res.status} ${signed.contentType} ${signed.body.slice(0, 300)}`,
          );
      });
    }
    for (let i = 0; i < 500; i++) {
      const { body, type } = teamsActivity(r, i);
      cases.push(async () => {
        const res = await fetch(url, {
          method: 'POST',
          headers: type ? { 'content-type': type } : {},
          body,
        });
        await res.arrayBuffer();
        if (!allowed(res.status, true))
          failures.push(`teams #${i} ${res.status} ${body.slice(0, 300)}`);
      });
    }
    // A few at a time, as a noisy client would: requests no listener takes wait Bolt's 3 s.
    const workers = Array.from({ length: 25 }, async () => {
      for (let next = cases.shift(); next; next = cases.shift()) {
        await next();
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    });
    await Promise.all(workers);
    await afterAck.drain(20_000);
    expect(failures).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${service.app.port}/healthz`)).status).toBe(200);
    // Still serving real work: a well-formed activity gets its dialog.
    const fine = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(taskFetch(teamsUser('Ada', 'tenant-fuzz'), { verb: 'profile.mentee' })),
    });
    expect(fine.status).toBe(200);
    expect(peakRss).toBeLessThan(400 * 1024 * 1024);
  });
});
