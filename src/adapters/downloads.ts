import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mentorship } from '../core/api.js';
import type { PersonId } from '../core/people/person.js';
import type { Clock } from '../core/time.js';
import type { HttpServer } from '../server.js';

/**
 * Short-lived signed download links, served by the service itself, for files a chat
 * platform cannot take as an upload from us (the mentee-list CSV in Teams; Slack may use
 * them too). A link names who asked and what (never the file itself): the download runs the
 * use case again as that person, so it shows exactly what they may see at that moment. The
 * token is `payload.signature`, HMAC-SHA256 over the payload with LINK_SIGNING_SECRET;
 * a tampered or expired link gets 403.
 */

export const DOWNLOADS_PATH = '/downloads';

export interface DownloadLinks {
  /** A link to the CSV of a session's mentee list, as `personId` may see it. */
  menteeListCsvUrl(personId: PersonId, sessionId: string): string;
  /** The token's claims when it is genuine and unexpired; undefined otherwise. */
  verify(token: string): MenteeCsvClaims | undefined;
}

interface MenteeCsvClaims {
  readonly k: 'menteeCsv';
  readonly p: PersonId;
  readonly s: string;
  /** Expiry, in seconds since the epoch. */
  readonly x: number;
}

export interface DownloadLinkOptions {
  readonly mentorship: Pick<Mentorship, 'menteeListCsv'>;
  readonly clock: Clock;
  /** The service's public origin, e.g. https://mentorbot.example.com. */
  readonly baseUrl: string;
  /** At least 32 characters; unset: random per process (links die on restart). */
  readonly secret?: string | undefined;
  /** How long a link works. Default 15 minutes. */
  readonly ttlSeconds?: number;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

/** The download links of this server; mounts `GET /downloads/<token>` (call it once). */
export function createDownloadLinks(
  server: HttpServer,
  options: DownloadLinkOptions,
): DownloadLinks {
  const secret = options.secret ?? b64(randomBytes(32));
  const ttl = options.ttlSeconds ?? 15 * 60;
  const base = options.baseUrl.replace(/\/+$/, '');
  const now = () => Math.floor(options.clock.now().getTime() / 1000);
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest();

  const links: DownloadLinks = {
    menteeListCsvUrl(personId, sessionId) {
      const claims: MenteeCsvClaims = { k: 'menteeCsv', p: personId, s: sessionId, x: now() + ttl };
      const payload = b64(Buffer.from(JSON.stringify(claims)));
      return `${base}${DOWNLOADS_PATH}/${payload}.${b64(sign(payload))}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return undefined;
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const claims = JSON.parse(
          Buffer.from(payload, 'base64url').toString('utf8'),
        ) as MenteeCsvClaims;
        if (
          claims.k !== 'menteeCsv' ||
          typeof claims.p !== 'string' ||
          typeof claims.s !== 'string'
        ) {
          return undefined;
        }
        return typeof claims.x === 'number' && claims.x > now() ? claims : undefined;
      } catch {
        return undefined;
      }
    },
  };

  server.mount(
    DOWNLOADS_PATH,
    async (req: IncomingMessage, res: ServerResponse, ctx) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
      }
      const token = ctx.path.slice(DOWNLOADS_PATH.length + 1);
      const claims = links.verify(token);
      if (!claims)
        return send(res, 403, 'This download link is invalid or has expired. Ask for a new one.');
      const csv = await options.mentorship.menteeListCsv({
        actor: { personId: claims.p },
        input: { sessionId: claims.s },
      });
      if (!csv.ok) {
        const status = csv.error.code === 'try_again' ? 503 : 403;
        return send(res, status, csv.error.message);
      }
      const body = Buffer.from(csv.value.csv, 'utf8');
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-length': body.length,
        'content-disposition': `attachment; filename="${csv.value.filename}"`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    { logPath: (path) => `${DOWNLOADS_PATH}/${tokenId(path.slice(DOWNLOADS_PATH.length + 1))}` },
  );
  return links;
}

/**
 * What logs show of a download token: a link is its own credential for 15 minutes, so logs
 * get a short hash that still tells two links apart and matches one a person reports.
 */
export function tokenId(token: string): string {
  return token ? `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 16)}` : '';
}

function send(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}
