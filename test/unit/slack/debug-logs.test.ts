import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/receiver.js';
import { ClientCache } from '../../../src/adapters/slack/web.js';
import { createLogger } from '../../../src/logger.js';

const HOST = 'http://slack-debug-logs.test';

afterEach(() => nock.cleanAll());

describe('Slack debug logs', () => {
  it("never print people's e-mail addresses from users.info", async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { LOG_LEVEL: 'trace' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    nock(HOST)
      .post('/api/users.info')
      .reply(200, {
        ok: true,
        user: {
          id: 'UADA',
          real_name: 'Ada Lovelace',
          tz: 'Europe/London',
          profile: { display_name: 'Ada', email: 'ada.lovelace@example.com' },
        },
      });
    const client = new ClientCache(`${HOST}/api/`, boltLogger(logger)).get('xoxb-debug');
    const { user } = await client.users.info({ user: 'UADA' });
    expect(user?.profile?.email).toBe('ada.lovelace@example.com');
    // The client logs the API result at debug (the check is not vacuous)...
    expect(lines.join('')).toContain('Ada Lovelace');
    // ...with the address masked.
    expect(lines.join('')).not.toContain('ada.lovelace@example.com');
    expect(lines.join('')).toContain('[email]');
  });
});
