import { existsSync } from 'node:fs';
import type { EmbeddedMongo } from '@mentorbot/embedded-mongo';
import { type Db, MongoClient } from 'mongodb';
import type { Config } from '../../config.js';
import { type Logger, redactUri } from '../../logger.js';

export type DatabaseSettings = Pick<
  Config,
  'NODE_ENV' | 'MONGODB_URI' | 'MONGODB_DB' | 'EMBEDDED_MONGO_PORT'
>;

export interface Database {
  /** The process's only MongoClient: repositories and Agenda share its pool. */
  readonly client: MongoClient;
  readonly db: Db;
  /** The connection string with credentials removed, for logs. */
  readonly uri: string;
  /** True when the in-memory embedded server is in use (development and tests only). */
  readonly embedded: boolean;
  /** The embedded server's thread: how busy it has been (benchmarks); undefined otherwise. */
  readonly embeddedLoad?: EmbeddedMongo['eventLoopUtilization'];
  /** True when the server answers `ping`; never throws. */
  ping(): Promise<boolean>;
  /** Closes the client, then stops the embedded server if one was started. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects to `MONGODB_URI`, or outside production to a freshly started embedded server.
 * Call once per process (the composition root does) and pass the result around.
 */
export async function connectDatabase(
  settings: DatabaseSettings,
  logger: Logger,
): Promise<Database> {
  let uri: string;
  let embedded: EmbeddedMongo | undefined;

  if (settings.MONGODB_URI !== undefined) {
    uri = settings.MONGODB_URI;
  } else {
    // config.ts already rejects this; kept so that no caller can reach it another way.
    if (settings.NODE_ENV === 'production') {
      throw new Error('MONGODB_URI is required in production');
    }
    const { startEmbeddedMongo } = await loadEmbeddedMongo();
    const server: EmbeddedMongo = await startEmbeddedMongo({
      port: settings.EMBEDDED_MONGO_PORT ?? 0,
      // Its own thread: database work never stalls the service's event loop.
      thread: true,
      logger: logger.child({ component: 'embedded-mongo' }),
    });
    embedded = server;
    uri = server.uri;
    logger.warn(
      { uri: redactUri(uri) },
      'MONGODB_URI is not set: using the embedded in-memory MongoDB server; data is lost on exit and it is not for production',
    );
  }

  const client = new MongoClient(uri, {
    appName: 'mentorbot',
    // Command events feed mentorbot_db_command_duration_seconds (src/metrics.ts).
    monitorCommands: true,
    // Fail fast at boot and in /readyz instead of the driver's 30 s default.
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => {});
    await embedded?.stop();
    throw error;
  }

  const db = client.db(settings.MONGODB_DB);
  let closing: Promise<void> | undefined;

  return {
    client,
    db,
    uri: redactUri(uri),
    embedded: embedded !== undefined,
    ...(embedded?.eventLoopUtilization ? { embeddedLoad: embedded.eventLoopUtilization } : {}),
    async ping() {
      try {
        const reply = await db.command({ ping: 1 });
        return reply.ok === 1;
      } catch {
        return false;
      }
    },
    close() {
      closing ??= (async () => {
        try {
          await client.close();
        } finally {
          await embedded?.stop();
        }
      })();
      return closing;
    },
  };
}

/**
 * The embedded server is a dev dependency (packages/embedded-mongo), TypeScript source loaded
 * only here: production neither installs nor imports it. Under tsx or vitest it is imported as
 * is. The built app (`npm start` without MONGODB_URI) runs the JavaScript `npm start` built
 * beside it (dist/embedded-mongo); a build without it (`npm run build`, tsc) loads the
 * package through tsx's scoped loader, which compiles it at every start.
 */
async function loadEmbeddedMongo(): Promise<typeof import('@mentorbot/embedded-mongo')> {
  if (import.meta.url.endsWith('.ts')) return import('@mentorbot/embedded-mongo');
  const built = new URL('../../../embedded-mongo/index.js', import.meta.url);
  if (existsSync(built)) return import(built.href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('@mentorbot/embedded-mongo', import.meta.url);
}
