import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/mongo/client.js';
import { startApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createHttpServer, type HttpServer, type RouteHandler } from '../../src/server.js';
import { useTestDatabase } from '../helpers/db.js';

type LogLine = Record<string, unknown>;

function captureLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: 'debug' }, stream) };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const running: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close({ forceAfterMs: 100 })));
});

async function start(ping: () => Promise<boolean> = async () => true) {
  const { lines, logger } = captureLogger();
  const server = createHttpServer({ logger, ping });
  running.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { server, lines, port, url: (path: string) => `http://127.0.0.1:${port}${path}` };
}

/** Resolves with the connection error code, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('health probes', () => {
  it('GET /healthz answers 200 while the process is alive', async () => {
    const { url } = await start(async () => false);
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database answers ping', async () => {
    const { url } = await start(async () => true);
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it.each([
    ['resolves false', async () => false],
    ['rejects', async () => Promise.reject(new Error('down'))],
    [
      'throws synchronously',
      () => {
        throw new Error('down');
      },
    ],
  ] as [string, () => Promise<boolean>][])(
    'GET /readyz answers 503 when ping %s',
    async (_name, ping) => {
      const { url } = await start(ping);
      const res = await fetch(url('/readyz'));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
    },
  );

  it('GET /readyz answers 503 after about a second when ping hangs', async () => {
    const { url } = await start(() => new Promise<boolean>(() => {}));
    const started = Date.now();
    const res = await fetch(url('/readyz'));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('rejects other methods on the probes with 405', async () => {
    const { url } = await start();
    const res = await fetch(url('/healthz'), { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('routing', () => {
  it('answers 404 JSON for an unknown route', async () => {
    const { url } = await start();
    const res = await fetch(url('/nope'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });

  it('sends a path to the longest mounted prefix and only on segment boundaries', async () => {
    const { server, url } = await start();
    const reply =
      (name: string): RouteHandler =>
      (_req, res, ctx) => {
        res.end(`${name} ${ctx.path}`);
      };
    server.mount('/slack', reply('slack'));
    server.mount('/slack/events/', reply('events'));
    expect(await (await fetch(url('/slack/commands?x=1'))).text()).toBe('slack /slack/commands');
    expect(await (await fetch(url('/slack/events'))).text()).toBe('events /slack/events');
    expect(await (await fetch(url('/slack'))).text()).toBe('slack /slack');
    expect((await fetch(url('/slackers'))).status).toBe(404);
  });

  it('refuses to mount over the probes or the root', async () => {
    const { server } = await start();
    expect(() => server.mount('/healthz', () => {})).toThrow();
    expect(() => server.mount('/', () => {})).toThrow();
  });
});

describe('request id and logging', () => {
  it('echoes a sane x-request-id and uses it in the log line', async () => {
    const { url, lines } = await start();
    const res = await fetch(url('/healthz'), { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    await res.text();
    await expect
      .poll(() => lines.find((l) => l.msg === 'request'))
      .toMatchObject({
        reqId: 'abc-123',
      });
  });

  it('replaces an unusable x-request-id with a fresh UUID', async () => {
    const { url } = await start();
    const a = await fetch(url('/healthz'), { headers: { 'x-request-id': 'x'.repeat(200) } });
    const b = await fetch(url('/healthz'), { headers: { 'x-request-id': 'has space' } });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a.headers.get('x-request-id')).toMatch(uuid);
    expect(b.headers.get('x-request-id')).toMatch(uuid);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('logs one line per request without query string or headers', async () => {
    const { server, url, lines } = await start();
    server.mount('/slack', (_req, res) => {
      res.statusCode = 202;
      res.end();
    });
    const res = await fetch(url('/slack/oauth_redirect?code=SECRETCODE&state=s'), {
      headers: { authorization: 'Bearer SECRETTOKEN', cookie: 'sid=SECRETCOOKIE' },
    });
    expect(res.status).toBe(202);
    await expect.poll(() => lines.filter((l) => l.msg === 'request')).toHaveLength(1);
    const line = lines.find((l) => l.msg === 'request');
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/slack/oauth_redirect',
      status: 202,
    });
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/SECRET/);
  });
});

describe('handler failures', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['rejects', async () => Promise.reject(new Error('boom'))],
  ] as [string, RouteHandler][])(
    'a handler that %s gives 500 and the server keeps serving',
    async (_name, handler) => {
      const { server, url, lines } = await start();
      server.mount('/broken', handler);
      const res = await fetch(url('/broken'), { headers: { 'x-request-id': 'req-1' } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal_error', requestId: 'req-1' });
      expect((await fetch(url('/healthz'))).status).toBe(200);
      expect(lines.some((l) => l.msg === 'request handler failed' && l.reqId === 'req-1')).toBe(
        true,
      );
    },
  );

  it('cuts the connection when a handler fails after the headers were sent', async () => {
    const { server, url } = await start();
    server.mount('/half', async (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      throw new Error('boom');
    });
    await expect(fetch(url('/half')).then((r) => r.text())).rejects.toThrow();
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then resolves', async () => {
    const { server, url, port } = await start();
    const entered = deferred();
    const release = deferred();
    server.mount('/slow', async (_req, res) => {
      entered.resolve();
      await release.promise;
      res.end('done');
    });

    const inFlight = fetch(url('/slow'));
    await entered.promise;
    let closed = false;
    const closing = server.close({ forceAfterMs: 5_000 }).then(() => {
      closed = true;
    });

    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);

    release.resolve();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.text()).toBe('done');
    await closing;
    expect(closed).toBe(true);
  });

  it('closes a keep-alive connection that goes idle after close() began', async () => {
    const { server, url } = await start();
    const entered = deferred();
    const release = deferred();
    server.mount('/stream', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a');
      entered.resolve();
      await release.promise;
      res.end('b');
    });

    const inFlight = fetch(url('/stream')).then((r) => r.text());
    await entered.promise;
    const started = Date.now();
    const closing = server.close({ forceAfterMs: 10_000 });
    release.resolve();
    expect(await inFlight).toBe('ab');
    await closing;
    // Well under the 5 s keep-alive timeout and the 10 s force.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('forces connections closed after forceAfterMs when a request never finishes', async () => {
    const { server, url } = await start();
    const entered = deferred();
    server.mount('/stuck', () => {
      entered.resolve();
    });
    const inFlight = fetch(url('/stuck'));
    await entered.promise;
    const started = Date.now();
    await server.close({ forceAfterMs: 200 });
    expect(Date.now() - started).toBeLessThan(1_500);
    await expect(inFlight).rejects.toThrow();
  });
});

describe('startApp', () => {
  function testConfig(): Readonly<Config> {
    const result = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    // Port 0 is refused by the schema (a deployment must name its port) but tests need it.
    return { ...result.config, PORT: 0, HOST: '127.0.0.1' };
  }

  /**
   * A real test database (the app creates its indexes and runs Agenda on it) whose ping can
   * be made to fail and whose close is recorded.
   */
  async function recordedDatabase(events: string[], healthy: () => boolean): Promise<Database> {
    const test = await useTestDatabase();
    return {
      client: test.client,
      db: test.db,
      uri: 'mongodb://test/',
      embedded: test.embedded,
      ping: async () => healthy() && (await test.db.command({ ping: 1 })).ok === 1,
      close: async () => {
        events.push('database closed');
        await test.close();
      },
    };
  }

  it('serves readiness from the database and stops HTTP before closing the database', async () => {
    const events: string[] = [];
    let healthy = true;
    const { logger, lines } = captureLogger();
    const app = await startApp(testConfig(), logger, {
      connectDatabase: () => recordedDatabase(events, () => healthy),
    });
    const url = `http://127.0.0.1:${app.port}`;
    expect(lines.some((l) => l.msg === 'listening' && l.port === app.port)).toBe(true);

    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    healthy = false;
    expect((await fetch(`${url}/readyz`)).status).toBe(503);

    app.server.server.once('close', () => events.push('http closed'));
    await Promise.all([app.stop(), app.stop()]);
    expect(events).toEqual(['http closed', 'database closed']);
    expect(await tryConnect(app.port)).toBe('ECONNREFUSED');
  });

  it('closes the database when the port cannot be bound', async () => {
    const events: string[] = [];
    const { server: occupied, port } = await start();
    expect(occupied).toBeDefined();
    const { logger } = captureLogger();
    await expect(
      startApp({ ...testConfig(), PORT: port }, logger, {
        connectDatabase: () => recordedDatabase(events, () => true),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(events).toEqual(['database closed']);
  });
});
