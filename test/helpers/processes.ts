import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';

/**
 * The service and the embedded database as separate processes, for tests that kill, stop
 * or pause one of them (tests/integration/durability.test.ts, outage.test.ts).
 */

export interface Child {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<number | null>;
  output(): string;
}

function run(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, pid: child.pid as number, exited, output: () => output };
}

/** Waits until `check` answers true, polling; throws with `what` after `withinMs`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  withinMs: number,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what} did not happen within ${withinMs} ms`);
}

/** `npm run mongo:embedded` on a free port, in its own process; its URI once listening. */
export async function startEmbeddedMongoProcess(): Promise<Child & { uri: string }> {
  const mongo = run(['packages/embedded-mongo/src/cli.ts', '--port', '0'], {});
  let uri = '';
  await until(
    'the embedded server',
    () => {
      uri = /"uri":"([^"]+)"/.exec(mongo.output())?.[1] ?? '';
      return uri !== '' || mongo.child.exitCode !== null;
    },
    60_000,
  );
  if (!uri) throw new Error(`embedded server did not start: ${mongo.output()}`);
  return { ...mongo, uri };
}

/** The schema refuses PORT=0: ask the OS for a free port and hand it over. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

export const SLACK_SECRET = 'durability-signing-secret';
export const SLACK_TEAM = 'T0DURABLE';

/** `src/main.ts` as deployed: its own process, on the database at `uri`. */
export async function startService(
  env: Record<string, string>,
): Promise<Child & { url: string; port: number }> {
  const port = await freePort();
  const service = run(['src/main.ts'], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-durable',
    SLACK_MESSAGES_PER_SECOND: '100',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    'the service answering /readyz',
    async () => {
      if (service.child.exitCode !== null) throw new Error(service.output());
      return (await fetch(`${url}/readyz`)).status === 200;
    },
    120_000,
    200,
  ).catch((err: unknown) => {
    service.child.kill('SIGKILL');
    throw new Error(`${String(err)}\n${service.output().slice(-3_000)}`);
  });
  return { ...service, url, port };
}

/** Slack's Web API and response URLs, answered on loopback (the service's SLACK_API_URL). */
export async function startSlackStandIn(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const args = new URLSearchParams(Buffer.concat(chunks).toString());
      const answer =
        method === 'auth.test'
          ? { ok: true, team_id: SLACK_TEAM, user_id: 'UBOT' }
          : method === 'users.info'
            ? {
                ok: true,
                user: {
                  id: args.get('user'),
                  name: args.get('user'),
                  real_name: args.get('user'),
                  tz: 'Europe/Berlin',
                  profile: {},
                },
              }
            : method === 'conversations.open'
              ? { ok: true, channel: { id: `D${args.get('users')}` } }
              : { ok: true, ts: '1700000000.000100' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A signed *Enroll* click from `user` on a DM message, as Slack sends it. */
export function signedEnrol(user: string, sessionId: string, responseBase: string) {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user, name: user, team_id: SLACK_TEAM },
    api_app_id: 'A1',
    token: 'x',
    container: { type: 'message', channel_id: `D${user}`, message_ts: `1700000000.${user}` },
    trigger_id: `${user}.trigger`,
    team: { id: SLACK_TEAM, domain: 'durable' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: `D${user}`, name: 'directmessage' },
    message: { type: 'message', ts: `1700000000.${user}`, text: '' },
    actions: [
      {
        action_id: 'session.enrol',
        block_id: 'b',
        value: sessionId,
        type: 'button',
        action_ts: '1700000001.1',
      },
    ],
    response_url: `${responseBase}/response/${user}`,
    state: { values: {} },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${signature}`,
    },
  };
}

/** Clicks sent `concurrency` at a time until told to stop; who got which answer. */
export class Burst {
  readonly answered: string[] = [];
  readonly tryAgain: string[] = [];
  readonly failed: string[] = [];
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    url: string,
    users: readonly string[],
    request: (user: string) => { body: string; headers: Record<string, string> },
    concurrency: number,
    private readonly onAnswer: () => void = () => {},
    /** Each sender's pause between its requests (a stream rather than a flood). */
    pauseMs = 0,
  ) {
    let next = 0;
    const worker = async () => {
      while (!this.stopped && next < users.length) {
        const user = users[next++] as string;
        const { body, headers } = request(user);
        try {
          const res = await fetch(`${url}/slack/events`, { method: 'POST', headers, body });
          await res.text();
          if (res.status === 200) this.answered.push(user);
          else if (res.status === 503) this.tryAgain.push(user);
          else this.failed.push(`${user}: ${res.status}`);
        } catch {
          this.failed.push(`${user}: no answer`);
        }
        this.onAnswer();
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    this.done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => {});
  }

  /** Sends no more; resolves once every request in flight has its outcome. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.done;
  }

  finished(): Promise<void> {
    return this.done;
  }
}
