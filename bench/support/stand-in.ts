/**
 * The platform's API as a stand-in HTTP server in its own process, so that answering the
 * service's outgoing calls does not share the service's event loop (in production Slack's
 * Web API and the Bot Framework connector are somewhere else). `node --import tsx
 * stand-in.ts slack|teams` prints `{"port":N}`; `GET /__stats` answers how many calls it
 * served and when (epoch ms) the last one came.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2];
let calls = 0;
let last = Date.now();

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
  calls += 1;
  last = Date.now();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const answer =
      mode === 'slack' ? slack(req.url ?? '', Buffer.concat(chunks).toString()) : { id: 'm' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
