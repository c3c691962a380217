import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/adapters/mongo/client.js';
import { createLogger } from '../../src/logger.js';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: 'info' }, stream) };
}

describe('connectDatabase', () => {
  it('refuses to start the embedded server in production', async () => {
    const { logger } = captureLogger();
    await expect(
      connectDatabase({ NODE_ENV: 'production', MONGODB_DB: 'mentorbot' }, logger),
    ).rejects.toThrow(/MONGODB_URI is required/);
  });

  // Needs the embedded MongoDB server (packages/embedded-mongo); fails until it accepts the driver.
  it('starts the embedded server when MONGODB_URI is unset and stops it on close', async () => {
    const { logger, lines } = captureLogger();
    const database = await connectDatabase(
      { NODE_ENV: 'test', MONGODB_DB: 'mentorbot_client_test', EMBEDDED_MONGO_PORT: 0 },
      logger,
    );
    try {
      expect(database.embedded).toBe(true);
      expect(database.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
      expect(database.db.databaseName).toBe('mentorbot_client_test');
      expect(await database.ping()).toBe(true);
      const warnings = lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(String(warnings[0]?.msg)).toMatch(/embedded in-memory MongoDB.*not for production/);
    } finally {
      await Promise.all([database.close(), database.close()]);
    }
    expect(await database.ping()).toBe(false);
  });
});
