import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { type App, startApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { useTestDatabase } from '../../helpers/db.js';

/**
 * Slack Socket Mode against a local stand-in for Slack: its Web API answers
 * `apps.connections.open` with a ws://127.0.0.1 URL, its WebSocket sends `hello` and a
 * `slash_commands` envelope, and the service must ack that envelope (same `envelope_id`)
 * within Slack's 3 seconds, then make the Web API call the command causes (`views.open`
 * with the command's trigger id: the request form).
 */

interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly authorization: string | undefined;
  readonly at: number;
}

class SlackStandIn {
  readonly calls: ApiCall[] = [];
  readonly acks: Array<{ envelopeId: string; at: number }> = [];
  private readonly server: Server;
  private readonly sockets = new WebSocket.Server({ noServer: true });
  private socket: WebSocket | undefined;
  connected!: Promise<void>;

  constructor() {
    let onConnected: () => void = () => {};
    this.connected = new Promise((resolve) => {
      onConnected = resolve;
    });
    this.server = createServer((req, res) => {
      void this.api(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      this.sockets.handleUpgrade(req, socket as Socket, head, (ws) => {
        this.socket = ws;
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as { envelope_id?: string };
          if (message.envelope_id)
            this.acks.push({ envelopeId: message.envelope_id, at: Date.now() });
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'stand-in', approximate_connection_time: 3600 },
            connection_info: { app_id: 'A0STANDIN' },
          }),
        );
        onConnected();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  send(envelope: object): void {
    this.socket?.send(JSON.stringify(envelope));
  }

  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async api(req: IncomingMessage): Promise<unknown> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const type = req.headers['content-type'] ?? '';
    const args: Record<string, unknown> = type.includes('json')
      ? (JSON.parse(text || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(text));
    for (const [key, value] of Object.entries(args)) {
      // The Web API client sends objects (views, blocks) as JSON inside form fields.
      if (typeof value === 'string' && /^[[{]/.test(value)) args[key] = JSON.parse(value);
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    this.calls.push({ method, args, authorization: req.headers.authorization, at: Date.now() });
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http:', 'ws:')}/link/?ticket=t1` };
      case 'users.info':
        return {
          ok: true,
          user: {
            id: args.user,
            name: 'mentee',
            real_name: 'Mia Mentee',
            tz: 'Europe/Berlin',
            profile: { display_name: 'Mia Mentee' },
          },
        };
      case 'views.open':
        return { ok: true, view: { ...(args.view as object), id: 'V0FORM', hash: 'h1' } };
      default:
        return { ok: true };
    }
  }
}

const standIn = new SlackStandIn();
let app: App | undefined;

beforeAll(async () => {
  await standIn.listen();
  const test = await useTestDatabase();
  const result = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    SLACK_APP_TOKEN: 'xapp-1-A0STANDIN-test',
    SLACK_BOT_TOKEN: 'xoxb-standin',
    SLACK_API_URL: `${standIn.url}/api/`,
  });
  if (!result.ok) throw new Error(result.problems.join('; '));
  app = await startApp(
    { ...result.config, PORT: 0, HOST: '127.0.0.1' },
    createLogger({ LOG_LEVEL: 'silent' }),
    {
      connectDatabase: async () => ({
        client: test.client,
        db: test.db,
        uri: 'mongodb://test/',
        embedded: test.embedded,
        ping: async () => true,
        close: () => test.close(),
      }),
      adapters: [createSlackAdapter],
    },
  );
});

afterAll(async () => {
  await app?.stop();
  await standIn.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app token through SLACK_API_URL, with no HTTP endpoint for Slack', async () => {
    await standIn.connected;
    const open = standIn.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.authorization).toBe('Bearer xapp-1-A0STANDIN-test');
    const res = await fetch(`http://127.0.0.1:${app?.port}/slack/events`, { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('acks a slash command envelope within 3 s, then opens the request form', async () => {
    await standIn.connected;
    const sentAt = Date.now();
    standIn.send({
      envelope_id: 'env-request-session-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'unused',
        team_id: 'T0STANDIN',
        team_domain: 'standin',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: 'U0MENTEE',
        user_name: 'mentee',
        command: '/request-session',
        text: '',
        api_app_id: 'A0STANDIN',
        is_enterprise_install: 'false',
        response_url: `${standIn.url}/commands/response`,
        trigger_id: 'trigger-socket-1',
      },
    });
    await expect
      .poll(() => standIn.acks.find((a) => a.envelopeId === 'env-request-session-1'), {
        timeout: 3_000,
        interval: 20,
      })
      .toBeDefined();
    const ack = standIn.acks.find((a) => a.envelopeId === 'env-request-session-1');
    expect((ack?.at ?? Number.POSITIVE_INFINITY) - sentAt).toBeLessThan(3_000);

    await expect
      .poll(() => standIn.calls.find((c) => c.method === 'views.open'), { timeout: 10_000 })
      .toBeDefined();
    const viewsOpen = standIn.calls.find((c) => c.method === 'views.open');
    expect(viewsOpen?.args.trigger_id).toBe('trigger-socket-1');
    expect(viewsOpen?.authorization).toBe('Bearer xoxb-standin');
    expect(JSON.stringify(viewsOpen?.args.view)).toContain('modal');
  });
});
