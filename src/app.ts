import { imageLinks, mountImages, sessionImages } from './adapters/images.js';
import { DurableInbox, type DurableInboxOptions } from './adapters/inbox.js';
import { BigBlueButton } from './adapters/meetings/bbb.js';
import { connectDatabase, type Database } from './adapters/mongo/client.js';
import { objectIdGenerator } from './adapters/mongo/ids.js';
import { MongoInbox } from './adapters/mongo/inbox.repository.js';
import { createRepositories, type Repositories } from './adapters/mongo/repositories.js';
import { RoutingNotifier } from './adapters/notify/routing.js';
import { mountPages } from './adapters/pages.js';
import { type AdapterFactory, deadlineIn, type PlatformAdapter } from './adapters/platform.js';
import { type Config, demoWanted } from './config.js';
import { createMentorship } from './core/api.js';
import type { Notifier } from './core/ports.js';
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
  /** Where every notification goes: to the adapter of the recipient's platform. */
  readonly notifier: Notifier;
  readonly jobs: Jobs;
  /** Interactions recorded before their answer (undefined when turned off for a benchmark). */
  readonly inbox: DurableInbox | undefined;
  /** The bound port, which differs from `PORT` only in tests that listen on 0. */
  readonly port: number;
  /**
   * Drains HTTP, jobs, the work after answers and its notifications, then closes the
   * database, all within SHUTDOWN_TIMEOUT_MS; what is not done stays in the inbox.
   */
  stop(): Promise<void>;
}

export interface AppDependencies {
  connectDatabase: (config: Config, logger: Logger) => Promise<Database>;
  /** The chat platforms; each starts only when configured. Tests may pass their own. */
  adapters?: readonly AdapterFactory[];
  /** "Now" for the core; journey tests move it to a session's start. Default: the system's. */
  clock?: Clock;
  /**
   * The durable inbox's timings (tests shorten the lease), or `false` to answer from memory
   * only, as before the inbox (a benchmark's comparison; never in the service).
   */
  inbox?: Partial<DurableInboxOptions> | false;
}

/**
 * How long an instance counts as alive after its last heartbeat: a crashed instance's
 * interactions are taken over this long after it died.
 */
const INBOX_LEASE_MS = 10_000;

/** Time kept out of the shutdown budget for closing the database and exiting. */
const CLOSE_RESERVE_MS = 500;

// Each chat platform's SDK is loaded when its adapter starts, after the server listens: Bolt
// only when Slack is configured (about 0.4 s of a start on a small machine), teams-ai and
// botbuilder (about 1.5 s) whenever Teams runs, which is every development start.
const slackAdapter: AdapterFactory = async (context) =>
  context.config.SLACK_SIGNING_SECRET || context.config.SLACK_APP_TOKEN
    ? (await import('./adapters/slack/index.js')).createSlackAdapter(context)
    : undefined;
const teamsAdapter: AdapterFactory = async (context) =>
  (await import('./adapters/teams/index.js')).createTeamsAdapter(context);

const DEFAULT_ADAPTERS: readonly AdapterFactory[] = [slackAdapter, teamsAdapter];

/**
 * What the core runs on: the repositories, the notifier, Agenda as its scheduler, the clock,
 * and BigBlueButton rooms when configured. Adapters never get this, only the `Mentorship`
 * built on it; tests build it again on a running app (test/helpers/app.ts).
 */
export function coreDependencies(
  config: Readonly<Config>,
  parts: {
    repositories: Repositories;
    notifier: Notifier;
    agenda: ReturnType<typeof createAgenda>;
    clock: Clock;
    logger: Logger;
  },
): CoreDeps {
  const { imageFiles, ...repositories } = parts.repositories;
  return {
    ...repositories,
    images: sessionImages(imageFiles, linksFor(config)),
    notifier: parts.notifier,
    scheduler: new AgendaScheduler(parts.agenda),
    clock: parts.clock,
    ids: objectIdGenerator,
    logger: parts.logger,
    rooms:
      config.BBB_URL && config.BBB_SECRET
        ? new BigBlueButton({ url: config.BBB_URL, secret: config.BBB_SECRET })
        : undefined,
  };
}

/** The signed links of the images the service keeps (src/adapters/images.ts). */
const linksFor = (config: Readonly<Config>) =>
  imageLinks({
    baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
    secret: config.LINK_SIGNING_SECRET,
  });

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
  let inbox: DurableInbox | undefined;
  let listeningServer: HttpServer | undefined;
  try {
    const repositories = await createRepositories(database.client, database.db);
    const jobLogger = logger.child({ component: 'jobs' });
    agenda = createAgenda(database.db, jobLogger);
    // Each adapter registers its notifier once it has started (below).
    const notifier = new RoutingNotifier({}, logger.child({ component: 'notifier' }));
    const core = coreDependencies(config, {
      repositories,
      notifier,
      agenda,
      clock: deps.clock ?? systemClock,
      logger: logger.child({ component: 'core' }),
    });
    jobs = defineJobs(agenda, core, jobLogger);
    const mentorship = createMentorship(core);
    inbox = createInbox(database, logger, deps.inbox);

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
    mountImages(server, repositories.imageFiles, linksFor(config));

    // The chat adapters start once the server listens: loading their SDKs is most of a
    // start, and /readyz (the database) needs none of it. Until they have started, a request
    // for their routes waits for them, and so does a notification to their platform.
    let listened: () => void = () => {};
    const listening = new Promise<void>((resolve) => {
      listened = resolve;
    });
    const adaptersStarted = (async () => {
      await listening;
      for (const factory of deps.adapters ?? DEFAULT_ADAPTERS) {
        const adapter = await factory({
          config,
          mentorship,
          clock: core.clock,
          db: database.db,
          logger,
          server,
          inbox,
        });
        if (!adapter) continue;
        notifier.register(adapter.platform, adapter.notifier);
        adapters.push(adapter);
        logger.info({ platform: adapter.platform }, 'chat platform adapter started');
      }
    })();
    server.holdUnmatched(adaptersStarted);
    notifier.startingUntil(adaptersStarted);

    // Before listening, so that a ready service has its demo workspace.
    if (database.embedded && demoWanted(config)) {
      const { seedDemoWorkspace } = await import('./demo/seed.js');
      const seeded = await seedDemoWorkspace(core);
      if (seeded) logger.info(seeded, 'demo workspace seeded (DEMO=off to start empty)');
    }

    const port = await server.listen(config.PORT, config.HOST);
    listeningServer = server;
    logger.info(
      { host: config.HOST, port, database: database.uri, embeddedDatabase: database.embedded },
      'listening',
    );
    listened();
    await adaptersStarted;
    // Jobs and the inbox's replays deliver through the adapters: after they have started.
    await jobs.start();
    await inbox?.start();

    const started = jobs;
    let stopping: Promise<void> | undefined;
    return {
      server,
      database,
      notifier,
      jobs: started,
      inbox,
      port,
      stop() {
        stopping ??= (async () => {
          // One budget for the whole stop, shared in order: HTTP (no new interactions; the
          // answers in flight go out), running jobs, then the work after answers and the
          // notifications it started. No part waits past the deadline (a database busy with
          // a burst's work would hold each of them); what is not done by then stays in the
          // inbox, handed back so that the next instance takes it over at once.
          const budget = config.SHUTDOWN_TIMEOUT_MS;
          const reserve = Math.min(CLOSE_RESERVE_MS, budget / 5);
          const deadline = deadlineIn(budget - reserve);
          await settled(server.close({ forceAfterMs: deadline.left() / 3 }), deadline.left());
          await settled(
            started.stop(deadline.left() / 2).catch((err: unknown) => {
              logger.warn({ err }, 'jobs did not stop cleanly');
            }),
            deadline.left(),
          );
          for (const adapter of adapters)
            await settled(adapter.stop?.(deadline) ?? Promise.resolve(), deadline.left());
          // Handing back is two writes, and closing the database one more step: each gets
          // at most half the reserve (an entry not handed back is taken over once this
          // process's heartbeat has run out).
          if (inbox) await settled(inbox.stop(), reserve / 2);
          await settled(database.close(), reserve / 2);
        })();
        return stopping;
      },
    };
  } catch (error) {
    // Agenda connects its backend (indexes) from its constructor and never catches that:
    // closing the database under it would end the process with MongoClientClosedError
    // before this error, the one that says what is wrong, is reported.
    if (agenda) await settled(agenda.ready, 2_000);
    await listeningServer?.close({ forceAfterMs: 0 }).catch(() => {});
    await jobs?.stop(1_000).catch(() => {});
    for (const adapter of adapters) await adapter.stop?.(deadlineIn(1_000)).catch(() => {});
    await inbox?.stop();
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

function createInbox(
  database: Database,
  logger: Logger,
  options: AppDependencies['inbox'],
): DurableInbox | undefined {
  if (options === false) return undefined;
  const leaseMs = options?.leaseMs ?? INBOX_LEASE_MS;
  return new DurableInbox(
    new MongoInbox(database.db, leaseMs),
    logger.child({ component: 'inbox' }),
    {
      leaseMs,
      renewEveryMs: leaseMs / 4,
      pollEveryMs: leaseMs / 2,
      // Slack wants its answer within 3 s: the record gets most of that, not all.
      recordWithinMs: 2_000,
      retryAfterMs: 2_000,
      maxAttempts: 5,
      ...options,
    },
  );
}
