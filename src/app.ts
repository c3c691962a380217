import { connectDatabase, type Database } from './adapters/mongo/client.js';
import { objectIdGenerator } from './adapters/mongo/ids.js';
import { createRepositories } from './adapters/mongo/repositories.js';
import { RoutingNotifier } from './adapters/notify/routing.js';
import type { Config } from './config.js';
import { systemClock } from './core/time.js';
import type { CoreDeps } from './core/usecase.js';
import { createAgenda, defineJobs, type Jobs } from './jobs/index.js';
import { AgendaScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { createHttpServer, type HttpServer } from './server.js';

export interface App {
  readonly server: HttpServer;
  readonly database: Database;
  readonly core: CoreDeps;
  readonly jobs: Jobs;
  /** The bound port, which differs from `PORT` only in tests that listen on 0. */
  readonly port: number;
  /** Drains HTTP, then jobs, then closes the database (within SHUTDOWN_TIMEOUT_MS). */
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
  let jobs: Jobs | undefined;
  try {
    const repositories = await createRepositories(database.client, database.db);
    const jobLogger = logger.child({ component: 'jobs' });
    const agenda = createAgenda(database.db, jobLogger);
    const core: CoreDeps = {
      ...repositories,
      // The Slack and Teams adapters register here as they land.
      notifier: new RoutingNotifier({}, logger.child({ component: 'notifier' })),
      scheduler: new AgendaScheduler(agenda),
      clock: systemClock,
      ids: objectIdGenerator,
      logger: logger.child({ component: 'core' }),
    };
    jobs = defineJobs(agenda, core, jobLogger);
    await jobs.start();

    const server = createHttpServer({ logger, ping: () => database.ping() });
    const port = await server.listen(config.PORT, config.HOST);
    logger.info(
      { host: config.HOST, port, database: database.uri, embeddedDatabase: database.embedded },
      'listening',
    );

    const started = jobs;
    let stopping: Promise<void> | undefined;
    return {
      server,
      database,
      core,
      jobs: started,
      port,
      stop() {
        stopping ??= (async () => {
          // The budget: HTTP first (no new commands), then running jobs, then the database.
          const budget = config.SHUTDOWN_TIMEOUT_MS;
          await server.close({ forceAfterMs: Math.max(500, budget - 4_000) });
          await started.stop(Math.max(500, budget - 3_000)).catch((err: unknown) => {
            logger.warn({ err }, 'jobs did not stop cleanly');
          });
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await jobs?.stop(1_000).catch(() => {});
    await database.close();
    throw error;
  }
}
