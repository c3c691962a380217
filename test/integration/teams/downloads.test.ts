import { describe, expect, it } from 'vitest';
import { createDownloadLinks } from '../../../src/adapters/downloads.js';
import { tryAgain } from '../../../src/core/errors.js';
import type { HttpServer, RouteHandler } from '../../../src/server.js';
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
