/**
 * The service side of `bench:jobs`, in its own process so that its memory is measured alone:
 * Agenda + the core's fan-out + the paced Slack notifier, on the database and Slack stand-in
 * the benchmark started. On SIGTERM it stops its jobs and prints its peak RSS as JSON.
 */
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { objectIdGenerator } from '../src/adapters/mongo/ids.js';
import { createRepositories } from '../src/adapters/mongo/repositories.js';
import { PacedNotifier } from '../src/adapters/notify/paced.js';
import { singleWorkspace } from '../src/adapters/slack/auth.js';
import { DirectMessages, SlackNotifier } from '../src/adapters/slack/notifier.js';
import { ClientCache } from '../src/adapters/slack/web.js';
import { systemClock } from '../src/core/time.js';
import type { CoreDeps } from '../src/core/usecase.js';
import { createAgenda, defineJobs } from '../src/jobs/index.js';
import { AgendaScheduler } from '../src/jobs/scheduler.js';

const [uri, dbName, slackUrl, perSecond] = process.argv.slice(2);
if (!uri || !dbName || !slackUrl || !perSecond) {
  throw new Error('usage: jobs-service <mongo uri> <db> <slack api url> <messages per second>');
}

const client = await MongoClient.connect(uri, { maxPoolSize: 30 });
const db = client.db(dbName);
const logger = pino({ level: 'warn' });
const slack = new SlackNotifier(
  // Notifications only: no request arrives here, so which team is served does not matter.
  singleWorkspace('xoxb-bench', [], async () => ({})),
  new ClientCache(slackUrl),
  new DirectMessages(),
  logger,
);
const paced = new PacedNotifier(slack, { perSecond: Number(perSecond) });
const quiet = { info() {}, warn: (obj: object, msg?: string) => logger.warn(obj, msg) };
const agenda = createAgenda(db, quiet, { processEvery: 500 });
const deps: CoreDeps = {
  ...(await createRepositories(client, db)),
  notifier: paced,
  scheduler: new AgendaScheduler(agenda),
  clock: systemClock,
  ids: objectIdGenerator,
  logger,
};
const jobs = defineJobs(agenda, deps, quiet, { withoutExpiry: true });

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
}, 50);
process.once('SIGTERM', async () => {
  clearInterval(sampler);
  await jobs.stop(2_000).catch(() => {});
  await client.close();
  process.stdout.write(
    `${JSON.stringify({ peakRss, peakHeap, rateLimited: paced.rateLimited })}\n`,
  );
  process.exit(0);
});
await jobs.start();
process.stdout.write('started\n');
