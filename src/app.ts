import { connectDatabase, type Database } from './adapters/mongo/client.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createHttpServer, type HttpServer } from './server.js';

export interface App {
  readonly server: HttpServer;
  readonly database: Database;
  /** The bound port, which differs from `PORT` only in tests that listen on 0. */
  readonly port: number;
  /** Drains HTTP (forcing after SHUTDOWN_TIMEOUT_MS - 1 s), then closes the database. */
  stop(): Promise<void>;
}

export interface AppDependencies {
  connectDatabase: (config: Config, logger: Logger) => Promise<Database>;
}

/**
 * Builds and starts everything except process concerns (signals, exit codes), so tests can
 * run the whole service in-process. `main.ts` adds the process concerns.
 */
export async function startApp(
  config: Readonly<Config>,
  logger: Logger,
  deps: AppDependencies = { connectDatabase },
): Promise<App> {
  const database = await deps.connectDatabase(config, logger);
  const server = createHttpServer({ logger, ping: () => database.ping() });

  let port: number;
  try {
    port = await server.listen(config.PORT, config.HOST);
  } catch (error) {
    await database.close();
    throw error;
  }
  logger.info(
    { host: config.HOST, port, database: database.uri, embeddedDatabase: database.embedded },
    'listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    server,
    database,
    port,
    stop() {
      stopping ??= (async () => {
        // The last second of the budget is kept for closing the database.
        await server.close({ forceAfterMs: config.SHUTDOWN_TIMEOUT_MS - 1_000 });
        await database.close();
      })();
      return stopping;
    },
  };
}
