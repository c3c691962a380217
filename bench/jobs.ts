/**
 * Scheduled-work benchmark: `npm run bench:jobs`.
 *
 * 2,000 sessions start in the same minute, each with a mentor and 5 enrolled mentees, so
 * their 15-minute reminders are 12,000 DMs. They go through the real path: Agenda jobs on
 * the embedded server (a separate process, as a real database would be, so the memory
 * figure is the service's own) -> the core's fan-out with the delivery log -> the
 * Slack notifier (conversations.open + chat.postMessage via @slack/web-api) paced per
 * workspace -> a local Slack stand-in that answers in 20 ms and allows ALLOWED_PER_SECOND
 * messages per second, answering 429 with Retry-After beyond that.
 *
 * Prints total time, achieved rate against the allowed rate, duplicates (must be 0), 429s
 * and the peak memory of the service process (bench/jobs-service.ts, started on its own so
 * the data loading done here does not count). Targets: rate >= 90% of allowed, no
 * duplicates, peak RSS < 300 MB.
 * With MONGODB_URI set, that database is used instead of the embedded server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { objectIdGenerator } from '../src/adapters/mongo/ids.js';
import { createRepositories } from '../src/adapters/mongo/repositories.js';
import { workspaceIdOf } from '../src/core/people/person.js';
import type { Session } from '../src/core/sessions/session.js';
import { DEFAULT_CONFIG } from '../src/core/workspaces/workspace.js';
import { createAgenda } from '../src/jobs/index.js';
import { AgendaScheduler } from '../src/jobs/scheduler.js';

const SESSIONS = 2_000;
const MENTEES_PER_SESSION = 5;
const MENTORS = 200;
const ALLOWED_PER_SECOND = 200;
const LATENCY_MS = 20;
const TENANT = 'TJOBS';
const EXPECTED = SESSIONS * (MENTEES_PER_SESSION + 1);

/** A Slack Web API stand-in: 20 ms per call, chat.postMessage limited per second. */
function slackStandIn() {
  let tokens = ALLOWED_PER_SECOND;
  let refilledAt = performance.now();
  const stats = { posted: 0, rateLimited: 0, duplicates: 0, first: 0, last: 0 };
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const reply = (status: number, payload: object, headers: Record<string, string> = {}) =>
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(payload));
        }, LATENCY_MS);
      if (req.url?.endsWith('/conversations.open')) {
        return reply(200, { ok: true, channel: { id: `D${params.get('users')}` } });
      }
      if (req.url?.endsWith('/chat.postMessage')) {
        const now = performance.now();
        tokens = Math.min(
          ALLOWED_PER_SECOND,
          tokens + ((now - refilledAt) / 1000) * ALLOWED_PER_SECOND,
        );
        refilledAt = now;
        if (tokens < 1) {
          stats.rateLimited++;
          return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        tokens -= 1;
        const key = `${params.get('channel')}|${params.get('text')}`;
        if (seen.has(key)) stats.duplicates++;
        seen.add(key);
        stats.posted++;
        if (stats.first === 0) stats.first = now;
        stats.last = now;
        return reply(200, { ok: true, channel: params.get('channel'), ts: `${now}` });
      }
      reply(404, { ok: false, error: 'unknown_method' });
    });
  });
  return { server, stats };
}

/** MONGODB_URI, or the embedded server started as its own process (`npm run mongo:embedded`). */
async function startDatabase(): Promise<{ uri: string; stop(): void }> {
  const external = process.env.MONGODB_URI?.trim();
  if (external) return { uri: external, stop: () => {} };
  const port = 27_000 + Math.floor(Math.random() * 1_000);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/embedded-mongo/src/cli.ts', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  return { uri: `mongodb://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const slack = slackStandIn();
  await new Promise<void>((resolve) => slack.server.listen(0, '127.0.0.1', resolve));
  const slackUrl = `http://127.0.0.1:${(slack.server.address() as AddressInfo).port}/api/`;

  const database = await startDatabase();
  const client = await MongoClient.connect(database.uri, { maxPoolSize: 30 });
  const db = client.db(`bench_jobs_${Date.now().toString(36)}`);
  // This process loads the data and schedules the jobs; the service process runs them.
  const deps = {
    ...(await createRepositories(client, db)),
    scheduler: new AgendaScheduler(createAgenda(db, { info() {}, warn() {} })),
  };

  let service: ChildProcess | undefined;
  try {
    const now = new Date();
    await deps.workspaces.createIfAbsent({
      id: workspaceIdOf('slack', TENANT),
      platform: 'slack',
      tenantId: TENANT,
      name: 'Jobs benchmark',
      config: DEFAULT_CONFIG,
      installedBy: `slack:${TENANT}:UADMIN`,
      createdAt: now,
      updatedAt: now,
    });
    const person = (userId: string) =>
      deps.people.upsertIdentity(
        {
          platform: 'slack',
          tenantId: TENANT,
          userId,
          displayName: userId,
          timeZone: 'Europe/Berlin',
        },
        now,
      );
    const mentors = await Promise.all(Array.from({ length: MENTORS }, (_, i) => person(`UM${i}`)));
    const mentees: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < SESSIONS * MENTEES_PER_SESSION; i += 500) {
      mentees.push(
        ...(await Promise.all(Array.from({ length: 500 }, (_, j) => person(`UE${i + j}`)))),
      );
    }
    // All start in the same minute; the 15-minute reminders fall due a few seconds from now.
    const startsAt = new Date(now.getTime() + 15 * 60_000 + 8_000);
    const sessions: Session[] = Array.from({ length: SESSIONS }, (_, i) => ({
      id: objectIdGenerator.next(),
      workspaceId: workspaceIdOf('slack', TENANT),
      title: `Session ${i}`,
      description: '',
      type: 'public',
      mentorIds: [mentors[i % MENTORS]!.id],
      invitedIds: [],
      enrolledIds: mentees
        .slice(i * MENTEES_PER_SESSION, (i + 1) * MENTEES_PER_SESSION)
        .map((m) => m.id),
      seatLimit: 10,
      startsAt: new Date(startsAt.getTime() + (i % 60) * 1000),
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      recommendedFor: [],
      categories: [],
      medium: [],
      meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
      status: 'published',
      createdBy: mentors[0]!.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    for (let i = 0; i < sessions.length; i += 200) {
      await Promise.all(sessions.slice(i, i + 200).map((s) => deps.sessions.insert(s)));
    }
    for (let i = 0; i < sessions.length; i += 100) {
      await Promise.all(
        sessions.slice(i, i + 100).map((s) => deps.scheduler.sessionScheduled(s, [15])),
      );
    }
    console.log(
      `bench:jobs: ${SESSIONS.toLocaleString()} sessions, ${EXPECTED.toLocaleString()} reminders; Slack stand-in allows ${ALLOWED_PER_SECOND}/s and answers in ${LATENCY_MS} ms`,
    );
    const started = performance.now();
    service = spawn(
      process.execPath,
      [
        `--max-old-space-size=${process.env.SERVICE_HEAP_MB ?? 96}`,
        '--import',
        'tsx',
        'bench/jobs-service.ts',
        database.uri,
        db.databaseName,
        slackUrl,
        String(ALLOWED_PER_SECOND),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const output: string[] = [];
    service.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const deadline = Date.now() + 10 * 60_000;
    while (slack.stats.posted < EXPECTED && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const total = (performance.now() - started) / 1000;
    // Let any straggler (a duplicate would arrive late) show up before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    const exited = new Promise<void>((resolve) => service?.once('exit', () => resolve()));
    service.kill('SIGTERM');
    await exited;
    const report = JSON.parse(
      output
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop() ?? '{}',
    ) as {
      peakRss?: number;
      peakHeap?: number;
      rateLimited?: number;
    };
    const peakRss = report.peakRss ?? Number.NaN;
    const sendingSeconds = (slack.stats.last - slack.stats.first) / 1000;
    const rate = (slack.stats.posted - 1) / sendingSeconds;
    const ratio = rate / ALLOWED_PER_SECOND;
    const rssMb = peakRss / 1024 / 1024;
    const rows: Array<[string, string, string]> = [
      [
        'reminders delivered',
        `${slack.stats.posted.toLocaleString()} of ${EXPECTED.toLocaleString()}`,
        slack.stats.posted === EXPECTED ? 'PASS' : 'FAIL',
      ],
      ['total time (incl. job pickup)', `${total.toFixed(1)} s`, ''],
      [
        'achieved rate',
        `${rate.toFixed(1)}/s = ${(ratio * 100).toFixed(1)}% of ${ALLOWED_PER_SECOND}/s`,
        ratio >= 0.9 ? 'PASS' : 'FAIL',
      ],
      [
        'duplicates',
        String(slack.stats.duplicates),
        slack.stats.duplicates === 0 ? 'PASS' : 'FAIL',
      ],
      [
        '429s received',
        `${slack.stats.rateLimited} (waited out by the pacer: ${report.rateLimited})`,
        '',
      ],
      ['peak JS heap (service process)', `${((report.peakHeap ?? 0) / 1048576).toFixed(0)} MB`, ''],
      ['peak RSS (service process)', `${rssMb.toFixed(0)} MB`, rssMb < 300 ? 'PASS' : 'FAIL'],
    ];
    for (const [name, value, verdict] of rows)
      console.log(`${name.padEnd(30)} ${value.padEnd(40)} ${verdict}`);
    if (rows.some(([, , verdict]) => verdict === 'FAIL')) process.exitCode = 1;
  } finally {
    if (service && service.exitCode === null) service.kill('SIGKILL');
    await db.dropDatabase().catch(() => {});
    await client.close();
    database.stop();
    slack.server.close();
  }
}

await main();
