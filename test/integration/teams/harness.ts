import nock from 'nock';
import { vi } from 'vitest';
import { afterAck } from '../../../src/adapters/after-ack.js';
import { createTeamsAdapter } from '../../../src/adapters/teams/index.js';
import { type App, type AppDependencies, startApp } from '../../../src/app.js';
import { type Config, loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/core/time.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import { createLogger } from '../../../src/logger.js';
import { coreOf } from '../../helpers/app.js';
import { type BbbStandIn, startBbbStandIn } from '../../helpers/bbb.js';
import { useTestDatabase } from '../../helpers/db.js';

/** One call the bot made to the Bot Framework connector (the nock-ed serviceUrl). */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface TeamsHarness {
  readonly app: App;
  /** The BigBlueButton server the service uses (a stand-in on 127.0.0.1). */
  readonly bbb: BbbStandIn;
  /** The core's dependencies on the service's database (see test/helpers/app.ts). */
  readonly core: CoreDeps;
  readonly url: string;
  /** Every connector call so far, in order. */
  readonly calls: ConnectorCall[];
  // biome-ignore lint/suspicious/noExplicitAny: tests read invoke responses of many shapes
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /**
   * The conversation roster Teams keeps (`GET .../members/<id>`), by AAD object id: what the
   * connector answers for that member (an account without e-mail for anyone not in it).
   */
  readonly roster: Map<string, Record<string, unknown>>;
  /** The members the bot asked the roster about, in order. */
  readonly rosterReads: string[];
  /** Calls to one conversation (the person's personal chat with the bot). */
  callsTo(conversationId: string): ConnectorCall[];
  stop(): Promise<void>;
}

export function teamsConfig(env: Record<string, string> = {}): Readonly<Config> {
  const result = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    PUBLIC_BASE_URL: 'https://mentorbot.test',
    LINK_SIGNING_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    ...env,
  });
  if (!result.ok) throw new Error(result.problems.join('; '));
  return { ...result.config, PORT: 0, HOST: '127.0.0.1' };
}

/**
 * The whole service in-process with only the Teams adapter, on the test database, and the
 * connector (https://smba.test) served by nock, recording every call.
 */
export async function startTeams(
  env: Record<string, string> = {},
  options: { clock?: Clock; inbox?: AppDependencies['inbox'] } = {},
): Promise<TeamsHarness> {
  const calls: ConnectorCall[] = [];
  const record = (method: string) =>
    function (this: unknown, path: string, body: unknown) {
      calls.push({ method, path, body: (body ?? {}) as Record<string, unknown> });
      return [200, { id: `m-${calls.length}` }] as [number, Record<string, string>];
    };
  const roster = new Map<string, Record<string, unknown>>();
  const rosterReads: string[] = [];
  nock('https://smba.test')
    .persist()
    .post(/\/amer\/v3\/conversations\/.*/)
    .reply(record('POST'))
    .put(/\/amer\/v3\/conversations\/.*/)
    .reply(record('PUT'))
    .get(/\/amer\/v3\/conversations\/[^/]+\/members\/[^/?]+/)
    .reply((path) => {
      const member = decodeURIComponent(path.split('/members/')[1]?.split('?')[0] ?? '');
      const aadObjectId = member.replace(/^29:/, '');
      rosterReads.push(aadObjectId);
      return [200, { id: member, aadObjectId, ...roster.get(aadObjectId) }];
    });

  const test = await useTestDatabase();
  const bbb = await startBbbStandIn();
  const logger = createLogger({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = teamsConfig({ BBB_URL: bbb.url, BBB_SECRET: bbb.secret, ...env });
  const app = await startApp(config, logger, {
    ...(options.clock ? { clock: options.clock } : {}),
    connectDatabase: async () => ({
      client: test.client,
      db: test.db,
      uri: 'mongodb://test/',
      embedded: test.embedded,
      ping: async () => true,
      close: () => test.close(),
    }),
    adapters: [createTeamsAdapter],
    inbox: options.inbox,
  });
  const url = `http://127.0.0.1:${app.port}`;
  return {
    app,
    bbb,
    core: await coreOf(app, config, options.clock),
    url,
    calls,
    roster,
    rosterReads,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await res.text();
      // A message's turn runs after its 200 (src/adapters/teams/http.ts): let it finish, as
      // the tests read what it did.
      await afterAck.drain(3_000);
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: kept as text
      }
      return { status: res.status, body };
    },
    callsTo(conversationId) {
      return calls.filter(
        (c) =>
          c.path.includes(`/conversations/${encodeURIComponent(conversationId)}/`) ||
          c.path.includes(`/conversations/${conversationId}/`),
      );
    },
    async stop() {
      await app.stop();
      await bbb.stop();
      nock.cleanAll();
    },
  };
}

/** Waits until `check` passes (effects after commit and proactive sends are asynchronous). */
export async function eventually<T>(check: () => T, timeoutMs = 3_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 20 });
}
