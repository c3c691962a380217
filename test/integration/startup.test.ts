import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterFactory } from '../../src/adapters/platform.js';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { useTestDatabase } from '../helpers/db.js';

const rejections: unknown[] = [];
const collect = (reason: unknown) => rejections.push(reason);
afterEach(() => {
  process.off('unhandledRejection', collect);
});

describe('when an adapter refuses to start', () => {
  it('startApp rejects with that adapter error, and nothing else fails while it closes the database', async () => {
    process.on('unhandledRejection', collect);
    const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const test = await useTestDatabase();
    const refusing: AdapterFactory = async () => {
      throw new Error('Slack: set SLACK_BOT_TOKEN');
    };
    await expect(
      startApp({ ...loaded.config, PORT: 0, HOST: '127.0.0.1' }, createLogger(loaded.config), {
        connectDatabase: async () => ({
          client: test.client,
          db: test.db,
          uri: 'mongodb://test/',
          embedded: test.embedded,
          ping: async () => true,
          close: () => test.close(),
        }),
        adapters: [refusing],
      }),
    ).rejects.toThrow('Slack: set SLACK_BOT_TOKEN');
    // Agenda's own index creation would have failed on the closed client by now.
    await new Promise((r) => setTimeout(r, 500));
    expect(rejections).toEqual([]);
  });
});
