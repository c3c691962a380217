import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';

/**
 * The single HTTP server: health probes built in, everything else mounted by path prefix
 * (`/slack`, `/api/messages`) by the adapters. Transport only: no business logic here.
 */

export interface RequestContext {
  readonly requestId: string;
  /** Child logger carrying `reqId`. */
  readonly log: Logger;
  /** Request path without the query string. */
  readonly path: string;
}

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
) => void | Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  /** Database reachability for /readyz; may reject or hang, both mean "not ready". */
  ping: () => Promise<boolean>;
  /** How long /readyz waits for `ping`. */
  readinessTimeoutMs?: number;
  /** Told of every finished request (metrics); `route` is the probe path or mount prefix. */
  onResponse?: (info: { route: string; method: string; status: number; seconds: number }) => void;
}

export interface CloseOptions {
  /** After this long, connections still open are cut so that shutdown finishes. */
  forceAfterMs: number;
}

export interface MountOptions {
  /**
   * The path as logs show it, for routes whose path is a secret (a signed download link is
   * its own credential): logs get what this returns instead.
   */
  readonly logPath?: (path: string) => string;
}

export interface HttpServer {
  readonly server: Server;
  /** Routes every request whose path is `prefix` or starts with `prefix/` to `handler`. */
  mount(prefix: string, handler: RouteHandler, options?: MountOptions): void;
  /**
   * Until `mounting` settles, a request for a path nothing is mounted on waits for it and is
   * then routed: the chat adapters mount their routes after the server listens.
   */
  holdUnmatched(mounting: Promise<unknown>): void;
  /** Resolves with the bound port (useful when `port` is 0). */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(options: CloseOptions): Promise<void>;
}

// Accept a caller's id only if it is short and cannot smuggle anything into headers or logs.
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger, ping, readinessTimeoutMs = 1_000, onResponse } = options;
  const mounts: ({ prefix: string; handler: RouteHandler } & MountOptions)[] = [];
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  let mounting: Promise<unknown> | undefined;

  const builtIn = new Map<string, RouteHandler>([
    ['/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
    [
      '/readyz',
      async (_req, res) => {
        const ready = await withTimeout(ping, readinessTimeoutMs);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
      },
    ],
  ]);

  /** Longest prefix wins, so `/slack/events` can be mounted apart from `/slack`. */
  function mountFor(path: string): (typeof mounts)[number] | undefined {
    let best: (typeof mounts)[number] | undefined;
    for (const mount of mounts) {
      const matches = path === mount.prefix || path.startsWith(`${mount.prefix}/`);
      if (matches && (!best || mount.prefix.length > best.prefix.length)) best = mount;
    }
    return best;
  }

  /** The probe path or mount prefix serving `path`: a label with few values, for metrics. */
  const routeName = (path: string) =>
    builtIn.has(path) ? path : (mountFor(path)?.prefix ?? 'unmatched');

  function route(method: string, path: string): RouteHandler {
    const probe = builtIn.get(path);
    if (probe) {
      return method === 'GET' || method === 'HEAD' ? probe : methodNotAllowed;
    }
    return mountFor(path)?.handler ?? notFound;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const header = req.headers['x-request-id'];
    const requestId =
      typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
    const method = req.method ?? 'GET';
    // Only the path is ever logged: query strings may carry codes or tokens (OAuth callbacks).
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (mounting && !builtIn.has(path) && !mountFor(path)) await mounting;
    const handler = route(method, path);
    const logPath = builtIn.has(path) ? undefined : mountFor(path)?.logPath;
    const shownPath = logPath ? logPath(path) : path;
    // The child logger is made on first use: most requests never log below info.
    let child: Logger | undefined;
    const log = () => {
      child ??= logger.child({ reqId: requestId });
      return child;
    };

    res.setHeader('x-request-id', requestId);
    // A request that arrives while closing must not hold its keep-alive socket open.
    if (closing) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A keep-alive socket that went idle after close() began would otherwise linger
      // until its keep-alive timeout; the parser marks it idle only after this tick.
      if (closing) setImmediate(() => server.closeIdleConnections());
      const status = res.writableFinished ? res.statusCode : 499; // 499: client went away
      onResponse?.({
        route: routeName(path),
        method,
        status,
        seconds: (performance.now() - started) / 1000,
      });
      // Probes run every few seconds; at info they would drown everything else.
      const isProbe = builtIn.has(path) && status < 500;
      const level = status >= 500 ? 'error' : isProbe ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        method,
        path: shownPath,
        status,
        ms: Math.round(performance.now() - started),
      };
      log()[level](line, 'request');
    });

    try {
      await handler(req, res, {
        requestId,
        get log() {
          return log();
        },
        path,
      });
    } catch (err) {
      log().error({ err, method, path: shownPath }, 'request handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', requestId });
      else res.destroy();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Only reachable if writing the 500 itself failed; the socket is all that is left.
      logger.error({ err }, 'request failed after handler error');
      res.destroy();
    });
  });

  return {
    server,
    mount(prefix, handler, options = {}) {
      const normalized = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
      if (normalized === '/' || builtIn.has(normalized)) {
        throw new Error(`cannot mount a handler on ${prefix}`);
      }
      mounts.push({ prefix: normalized, handler, ...options });
    },
    holdUnmatched(until) {
      const settled = until.then(
        () => {},
        () => {},
      );
      mounting = settled;
      void settled.then(() => {
        if (mounting === settled) mounting = undefined;
      });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close({ forceAfterMs }) {
      closing ??= new Promise<void>((resolve) => {
        // Responses not started yet will tell their clients to hang up afterwards.
        for (const res of inFlight) {
          if (!res.headersSent) res.setHeader('connection', 'close');
        }
        const force = setTimeout(() => server.closeAllConnections(), forceAfterMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * Refuses, before reading a byte of it, a request whose Content-Length says it is larger
 * than `limit`: 413, and the connection closes (the unread body must not be taken for the
 * next request). True when refused. Bodies without a length are bounded while read.
 */
export function refuseDeclaredOversize(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): boolean {
  const declared = Number(req.headers['content-length']);
  if (!(declared > limit)) return false;
  req.pause();
  res.writeHead(413, { 'content-length': 0, connection: 'close' });
  res.end();
  return true;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

const notFound: RouteHandler = (_req, res) => sendJson(res, 404, { error: 'not_found' });

const methodNotAllowed: RouteHandler = (_req, res) => {
  res.setHeader('allow', 'GET, HEAD');
  sendJson(res, 405, { error: 'method_not_allowed' });
};

/** Resolves true only if `check` resolves true in time; rejection or a hang means false. */
async function withTimeout(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return (await Promise.race([check().catch(() => false), timeout])) === true;
  } catch {
    return false; // `check` threw synchronously
  } finally {
    clearTimeout(timer);
  }
}
