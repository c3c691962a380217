import type { AddressInfo } from 'node:net';
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

describe('while the chat adapters start', () => {
  it('/readyz already answers, a request for their route waits for them, and notifications too', async () => {
    const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const test = await useTestDatabase();
    const seen: { ready?: number; early?: Promise<Response> } = {};
    const delivered: string[] = [];
    // An adapter whose SDK takes a while to load: the server listens before it starts.
    const slow: AdapterFactory = async ({ server }) => {
      const { port } = server.server.address() as AddressInfo;
      seen.ready = (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
      seen.early = fetch(`http://127.0.0.1:${port}/slow/events`);
      await new Promise((r) => setTimeout(r, 200));
      server.mount('/slow', (_req, res) => {
        res.end('mounted');
      });
      return {
        platform: 'teams',
        notifier: { notify: async (n) => void delivered.push(n.kind) },
      };
    };
    const app = await startApp(
      { ...loaded.config, PORT: 0, HOST: '127.0.0.1' },
      createLogger(loaded.config),
      {
        connectDatabase: async () => ({
          client: test.client,
          db: test.db,
          uri: 'mongodb://test/',
          embedded: test.embedded,
          ping: async () => true,
          close: () => test.close(),
        }),
        adapters: [slow],
      },
    );
    try {
      expect(seen.ready).toBe(200);
      const early = await seen.early;
      expect(early?.status).toBe(200);
      expect(await early?.text()).toBe('mounted');
      // Once started, a path nobody mounted is 404 at once.
      expect((await fetch(`http://127.0.0.1:${app.port}/nothing`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
