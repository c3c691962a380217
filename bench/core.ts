/**
 * Core latency benchmark: `npm run bench:core`.
 *
 * Loads 1,000 mentors, 50,000 mentees and 10,000 sessions into one workspace on the
 * embedded server (its own thread, as the service runs it; or MONGODB_URI), then times the
 * use cases people hit most, one call at a time as a person would:
 *   my upcoming sessions, mentor profile, mentee search by tag, enrol, create request.
 * Target: p99 under 20 ms each at that size. Exit code 1 on a miss.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { objectIdGenerator } from '../src/adapters/mongo/ids.js';
import { createRepositories } from '../src/adapters/mongo/repositories.js';
import type { Notification } from '../src/core/notifications.js';
import { getMentorProfile } from '../src/core/people/mentor-profile.js';
import { workspaceIdOf } from '../src/core/people/person.js';
import { searchMentees } from '../src/core/people/search-mentees.js';
import { requestSession } from '../src/core/requests/request-session.js';
import { enrol, mySessions } from '../src/core/sessions/index.js';
import type { Session } from '../src/core/sessions/session.js';
import { systemClock } from '../src/core/time.js';
import type { CoreDeps } from '../src/core/usecase.js';
import { DEFAULT_CONFIG } from '../src/core/workspaces/workspace.js';

const MENTORS = 1_000;
const MENTEES = 50_000;
const SESSIONS = 10_000;
const SAMPLES = 300;
const TARGET_P99_MS = 20;
const TAGS = Array.from({ length: 50 }, (_, i) => `topic-${i}`);
const TENANT = 'TBENCH';
const DAY = 24 * 60 * 60 * 1000;

let seed = 42;
/** Deterministic pseudo-random numbers, so every run loads the same data. */
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(work));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const external = process.env.MONGODB_URI?.trim();
  let stopServer = async () => {};
  let uri: string;
  if (external) uri = external;
  else {
    const { startEmbeddedMongo } = await import('@mentorbot/embedded-mongo');
    const server = await startEmbeddedMongo({ thread: true });
    uri = server.uri;
    stopServer = () => server.stop();
  }
  const client = await MongoClient.connect(uri, { maxPoolSize: 20 });
  const db = client.db(`bench_core_${Date.now().toString(36)}`);
  const delivered: Notification[] = [];
  const deps: CoreDeps = {
    ...(await createRepositories(client, db)),
    notifier: { notify: async (n) => void delivered.push(n) },
    scheduler: { sessionScheduled: async () => {}, sessionCancelled: async () => {} },
    clock: systemClock,
    ids: objectIdGenerator,
    logger: { warn() {}, error() {} },
  };
  try {
    const now = new Date();
    const started = performance.now();
    await deps.workspaces.createIfAbsent({
      id: workspaceIdOf('slack', TENANT),
      platform: 'slack',
      tenantId: TENANT,
      name: 'Benchmark',
      config: DEFAULT_CONFIG,
      installedBy: `slack:${TENANT}:UADMIN`,
      createdAt: now,
      updatedAt: now,
    });
    const identity = (userId: string, i: number) => ({
      platform: 'slack' as const,
      tenantId: TENANT,
      userId,
      displayName: `Person ${i}`,
      timeZone: pick(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC']),
    });
    const mentorIds: string[] = [];
    await inBatches(
      Array.from({ length: MENTORS }, (_, i) => i),
      50,
      async (i) => {
        const person = await deps.people.upsertIdentity(identity(`UMENTOR${i}`, i), now);
        await deps.people.addRole(person.id, 'mentor', now);
        await deps.people.saveMentorProfile(
          person.id,
          {
            headline: `Mentor ${i}`,
            bio: 'Happy to help.',
            expertise: [pick(TAGS), pick(TAGS)],
            availability: [
              { weekday: 1 + (i % 5), start: '09:00', end: '11:00' },
              { weekday: 1 + ((i + 2) % 5), start: '14:00', end: '16:00' },
            ],
            meetingPlatform: 'bigbluebutton',
          },
          now,
        );
        mentorIds.push(person.id);
      },
    );
    const menteeIds: string[] = [];
    await inBatches(
      Array.from({ length: MENTEES }, (_, i) => i),
      100,
      async (i) => {
        const person = await deps.people.upsertIdentity(identity(`UMENTEE${i}`, MENTORS + i), now);
        await deps.people.saveMenteeProfile(
          person.id,
          { interests: [pick(TAGS), pick(TAGS), pick(TAGS)], lookingForMentor: random() < 0.5 },
          now,
        );
        menteeIds.push(person.id);
      },
    );
    const sessions: Session[] = Array.from({ length: SESSIONS }, (_, i) => {
      const startsAt = new Date(now.getTime() + (1 + Math.floor(random() * 60)) * DAY);
      const enrolled = [
        ...new Set(Array.from({ length: Math.floor(random() * 6) }, () => pick(menteeIds))),
      ];
      return {
        id: objectIdGenerator.next(),
        workspaceId: workspaceIdOf('slack', TENANT),
        title: `Session ${i}`,
        description: 'A benchmark session',
        type: random() < 0.8 ? 'public' : 'private',
        mentorIds: [pick(mentorIds)],
        invitedIds: [],
        enrolledIds: enrolled,
        seatLimit: 20,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
        recommendedFor: [],
        categories: [pick(TAGS)],
        medium: [],
        meeting: { platform: 'bigbluebutton' },
        status: 'published',
        createdBy: mentorIds[0] as string,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
    });
    await inBatches(sessions, 100, (s) => deps.sessions.insert(s));
    const loadSeconds = (performance.now() - started) / 1000;
    console.log(
      `bench:core on ${external ? 'MONGODB_URI' : 'the embedded server'}: loaded ${MENTORS.toLocaleString()} mentors, ${MENTEES.toLocaleString()} mentees, ${SESSIONS.toLocaleString()} sessions in ${loadSeconds.toFixed(1)} s`,
    );

    const publicSessions = sessions.filter((s) => s.type === 'public');
    const cases: Array<[string, () => Promise<{ ok: boolean }>]> = [
      [
        'my upcoming sessions',
        () => mySessions(deps, { actor: { personId: pick(menteeIds) }, input: {} }),
      ],
      [
        'mentor profile',
        () =>
          getMentorProfile(deps, {
            actor: { personId: pick(menteeIds) },
            input: { mentorId: pick(mentorIds) },
          }),
      ],
      [
        'mentee search by tag',
        () =>
          searchMentees(deps, { actor: { personId: pick(mentorIds) }, input: { tag: pick(TAGS) } }),
      ],
      [
        'enrol',
        () =>
          enrol(deps, {
            actor: { personId: pick(menteeIds) },
            input: { sessionId: pick(publicSessions).id },
          }),
      ],
      [
        'create request',
        () =>
          requestSession(deps, {
            actor: { personId: pick(menteeIds) },
            input: { mentorId: pick(mentorIds), message: 'Could we talk about my career?' },
          }),
      ],
    ];

    console.log(
      `\n${'use case'.padEnd(24)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'ok'.padStart(4)}  target p99 < ${TARGET_P99_MS} ms`,
    );
    let failed = false;
    for (const [name, run] of cases) {
      for (let i = 0; i < 20; i++) await run(); // warm-up
      const times: number[] = [];
      let succeeded = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        const result = await run();
        times.push(performance.now() - t0);
        if (result.ok) succeeded++;
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      const pass = p99 < TARGET_P99_MS;
      failed ||= !pass;
      console.log(
        `${name.padEnd(24)}  ${percentile(times, 50).toFixed(2).padStart(7)}  ${p99.toFixed(2).padStart(7)}  ${String(succeeded).padStart(4)}  ${pass ? 'PASS' : 'FAIL'}`,
      );
    }
    console.log(`\n${SAMPLES} calls each after 20 warm-up calls; "ok" counts successful results.`);
    console.log(
      `peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (benchmark process)`,
    );
    if (failed) process.exitCode = 1;
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
    await stopServer();
  }
}

await main();
