import type { App } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

/**
 * Process entry point: the only place that touches signals and exit codes. Everything else
 * is assembled by `startApp`.
 */
async function main(): Promise<void> {
  const result = loadConfig();
  if (!result.ok) {
    // Plain lines, not JSON: a person fixing their .env reads these.
    for (const problem of result.problems) process.stderr.write(`config: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const config = result.config;
  const logger = createLogger(config);

  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection');
    process.exit(1);
  });

  // Signals are handled from here on: the server listens before the chat adapters have
  // started, and a SIGTERM then waits for the start to finish and stops it cleanly.
  let starting: Promise<App> | undefined;
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      // A second Ctrl-C means "now".
      logger.warn({ signal }, 'second signal during shutdown, exiting immediately');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    // Before startApp began there is nothing to stop; during the start, the stop (and its
    // budget) begins once the start has finished.
    (starting ?? Promise.resolve(undefined))
      .then((app) => {
        // Last resort if something refuses to close; unref'd so it never keeps us alive.
        setTimeout(() => {
          logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
          process.exit(1);
        }, config.SHUTDOWN_TIMEOUT_MS).unref();
        return app?.stop();
      })
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  try {
    // The database (the embedded server boots on its own thread) starts while this thread
    // loads the application's modules.
    const { connectDatabase } = await import('./adapters/mongo/client.js');
    const database = connectDatabase(config, logger);
    const loading = import('./app.js');
    const [{ startApp }] = await Promise.all([
      loading.catch(async (err: unknown) => {
        await database.then((db) => db.close()).catch(() => {});
        throw err;
      }),
      database,
    ]);
    starting = startApp(config, logger, { connectDatabase: () => database });
    await starting;
  } catch (err) {
    logger.fatal({ err }, 'startup failed');
    process.exit(1);
  }
}

await main();
