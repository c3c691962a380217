import { BigBlueButton } from './adapters/meetings/bbb.js';
import { connectDatabase, type Database } from './adapters/mongo/client.js';
import { objectIdGenerator } from './adapters/mongo/ids.js';
import { createRepositories } from './adapters/mongo/repositories.js';
import { RoutingNotifier } from './adapters/notify/routing.js';
import { mountPages } from './adapters/pages.js';
import type { AdapterFactory, PlatformAdapter } from './adapters/platform.js';
import { createTeamsAdapter } from './adapters/teams/index.js';
import { type Config, demoWanted } from './config.js';
import { createMentorship } from './core/api.js';
import { type Clock, systemClock } from './core/time.js';
import type { CoreDeps } from './core/usecase.js';
import { createAgenda, defineJobs, type Jobs } from './jobs/index.js';
import { AgendaScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { httpDuration, metricsRoute, observeDatabase } from './metrics.js';
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
  /** The chat platforms; each starts only when configured. Tests may pass their own. */
  adapters?: readonly AdapterFactory[];
  /** "Now" for the core; journey tests move it to a session's start. Default: the system's. */
  clock?: Clock;
}

// Bolt is loaded only when Slack is configured: importing it costs about 0.4 s of a start
// on a small machine. (Teams runs in every development start, so it is always loaded.)
const slackAdapter: AdapterFactory = async (context) =>
  context.config.SLACK_SIGNING_SECRET || context.config.SLACK_APP_TOKEN
    ? (await import('./adapters/slack/index.js')).createSlackAdapter(context)
    : undefined;

const DEFAULT_ADAPTERS: readonly AdapterFactory[] = [slackAdapter, createTeamsAdapter];

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
  let agenda: ReturnType<typeof createAgenda> | undefined;
  const adapters: PlatformAdapter[] = [];
  try {
    const repositories = await createRepositories(database.client, database.db);
    const jobLogger = logger.child({ component: 'jobs' });
    agenda = createAgenda(database.db, jobLogger);
    // Each adapter registers its notifier once it has started (below).
    const notifier = new RoutingNotifier({}, logger.child({ component: 'notifier' }));
    const core: CoreDeps = {
      ...repositories,
      notifier,
      scheduler: new AgendaScheduler(agenda),
      clock: deps.clock ?? systemClock,
      ids: objectIdGenerator,
      logger: logger.child({ component: 'core' }),
      rooms:
        config.BBB_URL && config.BBB_SECRET
          ? new BigBlueButton({ url: config.BBB_URL, secret: config.BBB_SECRET })
          : undefined,
    };
    jobs = defineJobs(agenda, core, jobLogger);
    const mentorship = createMentorship(core);

    observeDatabase(database.client);
    const server = createHttpServer({
      logger,
      ping: () => database.ping(),
      onResponse: ({ route, method, status, seconds }) =>
        httpDuration.observe({ route, method, status: String(status) }, seconds),
    });
    server.mount('/metrics', metricsRoute(config.METRICS_TOKEN));
    if (config.ADMIN_USERNAME && config.ADMIN_PASSWORD) {
      const { jobsDashboard, JOBS_DASHBOARD_PATH } = await import('./admin/jobs-dashboard.js');
      server.mount(
        JOBS_DASHBOARD_PATH,
        jobsDashboard(agenda, { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD }),
      );
    }
    mountPages(server);
    for (const factory of deps.adapters ?? DEFAULT_ADAPTERS) {
      const adapter = await factory({
        config,
        mentorship,
        clock: core.clock,
        core,
        db: database.db,
        logger,
        server,
      });
      if (!adapter) continue;
      notifier.register(adapter.platform, adapter.notifier);
      adapters.push(adapter);
      logger.info({ platform: adapter.platform }, 'chat platform adapter started');
    }
    await jobs.start();
    // Before listening, so that a ready service has its demo workspace.
    if (database.embedded && demoWanted(config)) {
      const { seedDemoWorkspace } = await import('./demo/seed.js');
      const seeded = await seedDemoWorkspace(core);
      if (seeded) logger.info(seeded, 'demo workspace seeded (DEMO=off to start empty)');
    }

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
          for (const adapter of adapters) await adapter.stop?.().catch(() => {});
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    // Agenda connects its backend (indexes) from its constructor and never catches that:
    // closing the database under it would end the process with MongoClientClosedError
    // before this error, the one that says what is wrong, is reported.
    if (agenda) await settled(agenda.ready, 2_000);
    await jobs?.stop(1_000).catch(() => {});
    for (const adapter of adapters) await adapter.stop?.().catch(() => {});
    await database.close();
    throw error;
  }
}

/** Waits for `promise` to settle, at most `ms`; never rejects. */
async function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
