import nock from 'nock';
import { expect } from 'vitest';
import type { Database } from '../../../src/adapters/mongo/client.js';
import { type App, type AppDependencies, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { MentorProfile, Person } from '../../../src/core/people/person.js';
import type { Clock } from '../../../src/core/time.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import { installWorkspace } from '../../../src/core/workspaces/install.js';
import { createLogger } from '../../../src/logger.js';
import {
  type AnyView,
  type Signed,
  SLACK_HOST,
  signatureHeaders,
  TEAM,
} from '../../fixtures/slack/payloads.js';
import { coreOf } from '../../helpers/app.js';
import { type BbbStandIn, startBbbStandIn } from '../../helpers/bbb.js';
import { useTestDatabase } from '../../helpers/db.js';

export const SECRET = 'test-signing-secret-5f2c1b0a9e8d7c6b';
export const ADMIN = 'UADMIN';
const BOT_TOKEN = 'xoxb-test-token';

export interface SlackUser {
  readonly name: string;
  readonly tz?: string;
  readonly email?: string;
}

export interface Call {
  readonly method: string;
  // biome-ignore lint/suspicious/noExplicitAny: Web API arguments as Slack received them
  readonly args: Record<string, any>;
}

const parseBody = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'string') return (body ?? {}) as Record<string, unknown>;
  try {
    return JSON.parse(body);
  } catch {
    const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(body));
    for (const key of ['blocks', 'view']) {
      if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
    }
    return args;
  }
};

/**
 * The Slack Web API and response URLs, served by nock at http://slack.test. `expect` adds
 * one call that must happen (checked by `done`); users.info and conversations.open answer
 * any number of times. Every call is recorded with its arguments.
 */
export class SlackStub {
  readonly calls: Call[] = [];
  readonly scope = nock(SLACK_HOST);
  private readonly background = nock(SLACK_HOST).persist();
  private readonly ownTeam = nock(SLACK_HOST, {
    reqheaders: { authorization: `Bearer ${BOT_TOKEN}` },
  }).persist();
  private views = 0;
  private messages = 0;

  constructor(readonly users: Record<string, SlackUser>) {
    this.background.post('/api/users.info').reply(200, (_uri, body) => {
      const args = parseBody(body);
      this.calls.push({ method: 'users.info', args });
      const id = String(args.user);
      const user = this.users[id] ?? { name: id };
      return {
        ok: true,
        user: {
          id,
          name: user.name.toLowerCase(),
          real_name: user.name,
          tz: user.tz ?? 'Europe/Berlin',
          profile: { display_name: user.name, email: user.email },
        },
      };
    });
    // The workspace the configured bot token belongs to (single-workspace mode); other
    // tokens' auth.test (an OAuth install) are the test's to expect.
    this.ownTeam.post('/api/auth.test').reply(200, (_uri, body) => {
      this.calls.push({ method: 'auth.test', args: parseBody(body) });
      return { ok: true, team_id: TEAM.id, user_id: 'UBOT', bot_id: 'BBOT' };
    });
    this.background.post('/api/conversations.open').reply(200, (_uri, body) => {
      const args = parseBody(body);
      this.calls.push({ method: 'conversations.open', args });
      return { ok: true, channel: { id: `D${args.users}` } };
    });
  }

  /** One expected Web API call (`chat.postMessage`), or a POST to a response URL path. */
  expect(method: string, reply?: (args: Record<string, unknown>) => unknown, status = 200): this {
    const path = method.startsWith('/') ? method : `/api/${method}`;
    this.scope.post(path).reply(status, (_uri, body) => {
      const args = parseBody(body);
      this.calls.push({ method, args });
      return reply ? reply(args) : this.defaultReply(method, args);
    });
    return this;
  }

  private defaultReply(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'views.open':
      case 'views.push':
        this.views += 1;
        return {
          ok: true,
          view: { ...(args.view as object), id: `VOPEN${this.views}`, hash: `h${this.views}` },
        };
      case 'views.update':
      case 'views.publish':
        return {
          ok: true,
          view: { ...(args.view as object), id: args.view_id ?? 'VHOME', hash: 'h-next' },
        };
      case 'chat.postMessage':
        this.messages += 1;
        return { ok: true, channel: args.channel, ts: `1700000100.00000${this.messages}` };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${SLACK_HOST}/upload/F0CSV`, file_id: 'F0CSV' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0CSV', title: 'mentees.csv' }] };
      default:
        return { ok: true };
    }
  }

  /** Waits until every expected call was made, then checks nothing expected is left. */
  async done(timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.scope.isDone() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    this.scope.done();
    // nock marks a call done when it matches and runs the reply (which records it) one
    // setImmediate later: let that run before anyone reads `calls`.
    await new Promise((r) => setImmediate(r));
  }

  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  last(method: string): Call {
    const found = this.of(method).at(-1);
    if (!found) throw new Error(`no ${method} call`);
    return found;
  }

  /** The view the service last put in front of the person (views.update/open/push). */
  lastView(): AnyView {
    const call = [...this.calls]
      .reverse()
      .find((c) => ['views.update', 'views.open', 'views.push'].includes(c.method));
    if (!call) throw new Error('no view shown');
    return call.args.view as AnyView;
  }

  close(): void {
    this.background.persist(false);
    this.ownTeam.persist(false);
    nock.cleanAll();
  }
}

export interface SlackService {
  readonly app: App;
  /** The BigBlueButton server the service uses (a stand-in on 127.0.0.1). */
  readonly bbb: BbbStandIn;
  /** The core's dependencies on the service's database (see test/helpers/app.ts). */
  readonly core: CoreDeps;
  send(signed: Signed, headers?: Record<string, string>): Promise<Response>;
  /** Sends and returns the JSON body Slack would read (a view submission's answer). */
  submit(signed: Signed): Promise<AnyView>;
  /** A person known to the core, with the roles and profile given. */
  seed(
    user: string,
    o?: {
      name?: string;
      roles?: ('mentor' | 'sessionManager' | 'admin')[];
      mentorProfile?: Partial<MentorProfile>;
      lookingForMentor?: boolean;
      interests?: string[];
      tz?: string;
    },
  ): Promise<Person>;
  stop(): Promise<void>;
}

export async function startSlackService(
  env: Record<string, string> = {},
  options: { clock?: Clock; inbox?: AppDependencies['inbox'] } = {},
): Promise<SlackService> {
  const bbb = await startBbbStandIn();
  const loaded = loadConfig({
    BBB_URL: bbb.url,
    BBB_SECRET: bbb.secret,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: `${SLACK_HOST}/api/`,
    SLACK_ADMIN_USER_IDS: ADMIN,
    SLACK_MESSAGES_PER_SECOND: '100',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const database = await useTestDatabase();
  const connect = async (): Promise<Database> => ({
    client: database.client,
    db: database.db,
    uri: 'mongodb://test/',
    embedded: database.embedded,
    ping: async () => true,
    close: () => database.close(),
  });
  const app = await startApp(
    { ...loaded.config, PORT: 0, HOST: '127.0.0.1' },
    createLogger({ LOG_LEVEL: 'silent' }),
    {
      connectDatabase: connect,
      ...(options.clock ? { clock: options.clock } : {}),
      inbox: options.inbox,
    },
  );
  const url = `http://127.0.0.1:${app.port}/slack/events`;
  const send = (signed: Signed, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': signed.contentType,
        ...signatureHeaders(SECRET, signed.body),
        ...headers,
      },
      body: signed.body,
    });
  const core = await coreOf(app, loaded.config, options.clock);
  let installed = false;
  return {
    app,
    bbb,
    core,
    send,
    async submit(signed) {
      const res = await send(signed);
      expect(res.status).toBe(200);
      const text = await res.text();
      return text ? JSON.parse(text) : {};
    },
    async seed(user, o = {}) {
      const identity = {
        platform: 'slack' as const,
        tenantId: TEAM.id,
        userId: user,
        displayName: o.name ?? user,
        timeZone: o.tz ?? 'Europe/Berlin',
      };
      if (!installed) {
        const done = await installWorkspace(core, {
          installer: { ...identity, userId: ADMIN, displayName: 'Admin' },
          workspaceName: TEAM.domain,
        });
        if (!done.ok) throw done.error;
        installed = true;
      }
      const now = new Date();
      let person = await core.people.upsertIdentity(identity, now);
      for (const role of o.roles ?? [])
        person = (await core.people.addRole(person.id, role, now)) ?? person;
      if (o.roles?.includes('mentor') || o.mentorProfile) {
        person =
          (await core.people.saveMentorProfile(
            person.id,
            {
              headline: `${o.name ?? user}, mentor`,
              bio: '',
              expertise: [],
              availability: [],
              meetingPlatform: 'bigbluebutton',
              ...o.mentorProfile,
            },
            now,
          )) ?? person;
      }
      if (o.lookingForMentor !== undefined || o.interests) {
        person =
          (await core.people.saveMenteeProfile(
            person.id,
            { interests: o.interests ?? [], lookingForMentor: o.lookingForMentor ?? false },
            now,
          )) ?? person;
      }
      return person;
    },
    async stop() {
      await app.stop();
      await bbb.stop();
    },
  };
}

/** The first action element with this action id, anywhere in `blocks`. */
export function findAction(blocks: AnyView[], actionId: string): AnyView | undefined {
  for (const block of blocks) {
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const found = elements.find((e: AnyView) => e.action_id === actionId);
    if (found) return found;
  }
  return undefined;
}

export const textOf = (blocks: AnyView[]) => JSON.stringify(blocks);

/** A date `days` from now, as a Slack datepicker gives it. */
export const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
