import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDownloadLinks, tokenId } from '../../../src/adapters/downloads.js';
import { tryAgain } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/logger.js';
import { createHttpServer, type HttpServer, type RouteHandler } from '../../../src/server.js';
import { FixedClock } from '../../helpers/core.js';

describe('signed download links', () => {
  it('verify until they expire; tampered or re-signed links do not', () => {
    const mounted: string[] = [];
    const server = {
      mount: (prefix: string, _h: RouteHandler) => mounted.push(prefix),
    } as unknown as HttpServer;
    const clock = new FixedClock(new Date('2027-01-11T09:00:00Z'));
    const links = createDownloadLinks(server, {
      mentorship: { menteeListCsv: async () => ({ ok: false, error: tryAgain() }) },
      clock,
      baseUrl: 'https://mentorbot.test/',
      secret: 'x'.repeat(40),
      ttlSeconds: 900,
    });
    expect(mounted).toEqual(['/downloads']);

    const url = links.menteeListCsvUrl('teams:t:grace', 'session-1');
    expect(url.startsWith('https://mentorbot.test/downloads/')).toBe(true);
    const token = url.split('/').at(-1) ?? '';
    expect(links.verify(token)).toMatchObject({ p: 'teams:t:grace', s: 'session-1' });

    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ k: 'menteeCsv', p: 'teams:t:ada', s: 'session-1', x: 9e9 }),
    ).toString('base64url');
    expect(links.verify(`${forgedPayload}.${signature}`)).toBeUndefined();
    expect(links.verify(`${payload}.${signature?.slice(0, -2)}xx`)).toBeUndefined();
    expect(links.verify('garbage')).toBeUndefined();

    clock.advance(901 * 1000);
    expect(links.verify(token)).toBeUndefined();
  });
});

describe('download links in logs', () => {
  it('the access log names a link by a hash of its token, never the token itself', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { LOG_LEVEL: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const server = createHttpServer({ logger, ping: async () => true });
    const clock = new FixedClock(new Date('2027-01-11T09:00:00Z'));
    const links = createDownloadLinks(server, {
      mentorship: { menteeListCsv: async () => ({ ok: false, error: tryAgain() }) },
      clock,
      baseUrl: 'https://mentorbot.test',
      secret: 'x'.repeat(40),
    });
    const port = await server.listen(0, '127.0.0.1');
    try {
      const token = links.menteeListCsvUrl('teams:t:grace', 'session-1').split('/').at(-1) ?? '';
      clock.advance(3_600_000); // expired: answered 403 without touching the core
      const res = await fetch(`http://127.0.0.1:${port}/downloads/${token}`);
      expect(res.status).toBe(403);
      await expect.poll(() => lines.some((l) => l.includes('"msg":"request"'))).toBe(true);
      const all = lines.join('\n');
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.split('.')[1]);
      expect(all).toContain(`/downloads/${tokenId(token)}`);
    } finally {
      await server.close({ forceAfterMs: 100 });
    }
  });
});
