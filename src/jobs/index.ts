import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import type { Db } from 'mongodb';
import { expireRequests } from '../core/requests/expire-requests.js';
import type { CoreDeps } from '../core/usecase.js';
import { jobLag, jobRuns } from '../metrics.js';
import { JOBS_COLLECTION, JobName } from './names.js';
import { completedHandler, type JobLogger, liveHandler, reminderHandler } from './session-jobs.js';

export interface JobsOptions {
  /** How often each instance looks for due jobs. Default 5 s (tests use less). */
  readonly processEvery?: number;
  /** A job whose lock is not touched for this long is taken over by another instance. */
  readonly lockLifetimeMs?: number;
  /** How often pending requests are checked for expiry. Default 1 hour. */
  readonly expiryEvery?: string | number;
  /** Identifies this instance in the jobs collection (`lastModifiedBy`). */
  readonly name?: string;
  /** Skip defining the periodic expiry job (tests of one job kind). */
  readonly withoutExpiry?: boolean;
  /** Fan-out jobs (reminders, live, completed) one instance runs at once. Default 20. */
  readonly fanOutConcurrency?: number;
}

export interface Jobs {
  readonly agenda: Agenda;
  /** Starts processing; due jobs (e.g. after a restart) run at once. */
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), then stops. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Agenda on the product's own database (collection `jobs`) running the scheduled work of
 * docs/product.md#scheduled-work. Several service instances may run it at once: Agenda's locks
 * give each job occurrence to one instance, and the delivery log makes a repeated run send
 * nothing twice.
 *
 * `createAgenda` comes first so the core's Scheduler (which the use cases need) exists
 * before the job handlers (which need the use cases) are defined by `defineJobs`.
 */
export function createAgenda(db: Db, logger: JobLogger, options: JobsOptions = {}): Agenda {
  const agenda = new Agenda({
    backend: new MongoBackend({
      mongo: db,
      collection: JOBS_COLLECTION,
      ...(options.name ? { name: options.name } : {}),
    }),
    processEvery: options.processEvery ?? 5_000,
    maxConcurrency: Math.max(20, (options.fanOutConcurrency ?? 20) + 2),
    defaultLockLifetime: options.lockLifetimeMs ?? 10 * 60_000,
    ...(options.name ? { name: options.name } : {}),
  });
  agenda.on('error', (err) => logger.warn({ err }, 'agenda error'));
  agenda.on('fail', (err, job) =>
    logger.warn(
      { err: err instanceof Error ? err.message : err, job: job.attrs?.name },
      'job failed',
    ),
  );
  return agenda;
}

/**
 * Counts a job's runs by outcome, and how late it started: session jobs carry the instant
 * they were due (`dueAt`, written by the scheduler), since Agenda moves `nextRunAt` on when
 * a run starts.
 */
function measured(name: string, handler: (job: Job<unknown>) => Promise<void>) {
  return async (job: Job<unknown>): Promise<void> => {
    const dueAt = (job.attrs.data as { dueAt?: unknown } | undefined)?.dueAt;
    const due = typeof dueAt === 'string' ? Date.parse(dueAt) : Number.NaN;
    if (Number.isFinite(due)) jobLag.observe({ job: name }, Math.max(0, Date.now() - due) / 1000);
    try {
      await handler(job);
      jobRuns.inc({ job: name, outcome: 'ok' });
    } catch (err) {
      jobRuns.inc({ job: name, outcome: 'failed' });
      throw err;
    }
  };
}

export function defineJobs(
  agenda: Agenda,
  deps: CoreDeps,
  logger: JobLogger,
  options: JobsOptions = {},
): Jobs {
  // Many sessions start on the hour: several fan-outs run at once, and the paced notifier
  // keeps their sum under each workspace's rate.
  const fanOut = { concurrency: options.fanOutConcurrency ?? 20 };
  agenda.define(
    JobName.reminder,
    measured(JobName.reminder, reminderHandler(deps, logger)),
    fanOut,
  );
  agenda.define(JobName.live, measured(JobName.live, liveHandler(deps, logger)), fanOut);
  agenda.define(
    JobName.completed,
    measured(JobName.completed, completedHandler(deps, logger)),
    fanOut,
  );
  agenda.define(
    JobName.expireRequests,
    measured(JobName.expireRequests, async () => {
      const result = await expireRequests(deps, deps.clock.now());
      // A failed run is recorded on the job; the next hourly run picks the requests up.
      if (!result.ok) throw new Error(`request expiry failed: ${result.error.message}`);
      logger.info({ expired: result.value }, 'request expiry ran');
    }),
  );

  return {
    agenda,
    async start() {
      await agenda.start();
      if (!options.withoutExpiry) {
        await agenda.every(options.expiryEvery ?? '1 hour', JobName.expireRequests);
      }
    },
    async stop(timeoutMs = 8_000) {
      await agenda.drain(timeoutMs);
      await agenda.stop();
    },
  };
}

/** Both steps at once, for callers whose deps already carry a scheduler (tests, benchmarks). */
export function createJobs(
  db: Db,
  deps: CoreDeps,
  logger: JobLogger,
  options: JobsOptions = {},
): Jobs {
  return defineJobs(createAgenda(db, logger, options), deps, logger, options);
}
