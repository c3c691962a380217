/**
 * The platform's API as a stand-in HTTP server in its own process, so that answering the
 * service's outgoing calls does not share the service's event loop (in production Slack's
 * Web API and the Bot Framework connector are somewhere else). `node --import tsx
 * stand-in.ts slack|teams` prints `{"port":N}`; `GET /__stats` answers how many calls it
 * served and when (epoch ms) the last one came; `GET /__outcomes` when (epoch ms) the first
 * call showing each outcome came, by key, since it was last asked:
 * - Slack: `response/<path>` for a post to a response URL (`/response/<path>`), and
 *   `update/<channel>/<ts>` for `chat.update` (a button's message redrawn);
 * - Teams: `activity/<id>` for a reply to, or an update of, activity `<id>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2];
let calls = 0;
let last = Date.now();
let outcomes: Record<string, number> = {};

function outcomeKey(url: string, body: string): string | undefined {
  if (url.startsWith('/response/')) return `response/${url.slice('/response/'.length)}`;
  if (mode === 'slack' && url === '/api/chat.update') {
    const args = new URLSearchParams(body);
    return `update/${args.get('channel')}/${args.get('ts')}`;
  }
  const activity = /\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/.exec(url);
  if (mode === 'teams' && activity?.[1]) return `activity/${decodeURIComponent(activity[1])}`;
  return undefined;
}

function slack(url: string, body: string): unknown {
  const method = url.replace(/^\/api\//, '');
  const args = new URLSearchParams(body);
  if (method === 'users.info')
    return {
      ok: true,
      user: {
        id: args.get('user'),
        name: args.get('user'),
        real_name: args.get('user'),
        tz: 'Europe/Berlin',
        profile: {},
      },
    };
  // The bench's one workspace (bench/slack.ts signs its requests as T0BENCH).
  if (method === 'auth.test') return { ok: true, team_id: 'T0BENCH', user_id: 'UBOT' };
  if (method === 'conversations.open')
    return { ok: true, channel: { id: `D${args.get('users')}` } };
  return { ok: true, ts: '1700000000.000100', view: { id: 'V1', hash: 'h' } };
}

const server = createServer((req, res) => {
  if (req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ calls, last, quietMs: Date.now() - last }));
    return;
  }
  if (req.url === '/__outcomes') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(outcomes));
    outcomes = {};
    return;
  }
  calls += 1;
  last = Date.now();
  const arrivedAt = last;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const key = outcomeKey(req.url ?? '', body);
    if (key && outcomes[key] === undefined) outcomes[key] = arrivedAt;
    const answer = mode === 'slack' ? slack(req.url ?? '', body) : { id: 'm' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
