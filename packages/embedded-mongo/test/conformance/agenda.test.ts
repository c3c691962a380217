import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import { type Db, type Document, MongoClient, ObjectId } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientOptions, type TestDatabase, useTestDatabase } from '../../testing/db.js';

const JOBS = 'agendaJobs';

let t: TestDatabase;
let db: Db;
const started: Agenda[] = [];
const extraClients: MongoClient[] = [];

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((agenda) => agenda.stop()));
  await Promise.all(extraClients.splice(0).map((client) => client.close()));
  await db.collection(JOBS).deleteMany({});
});

afterAll(async () => {
  await t?.close();
});

function buildAgenda(onDb: Db, name: string): Agenda {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: onDb }),
    name,
    processEvery: 100,
  });
  started.push(agenda);
  return agenda;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Agenda 6 with @agendajs/mongo-backend', () => {
  it('runs a job scheduled with now() and records its completion', async () => {
    const agenda = buildAgenda(db, 'solo');
    const seen: unknown[] = [];
    agenda.define('greet', async (job: Job<{ who: string }>) => {
      seen.push(job.attrs.data.who);
    });
    await agenda.start();
    const job = await agenda.now('greet', { who: 'ann' });
    const id = job.attrs._id;
    expect(id).toBeDefined();

    await waitFor(
      async () =>
        (await db.collection(JOBS).findOne({ _id: new ObjectId(String(id)) }))?.lastFinishedAt !=
        null,
      'the job to finish',
    );
    const record = (await db
      .collection(JOBS)
      .findOne({ _id: new ObjectId(String(id)) })) as Document;
    expect(seen).toEqual(['ann']);
    expect(record.name).toBe('greet');
    expect(record.lastFinishedAt).toBeInstanceOf(Date);
    expect(record.lastRunAt).toBeInstanceOf(Date);
    expect(record.failReason ?? null).toBeNull();
    expect(record.failCount ?? 0).toBe(0);
    expect(record.data).toEqual({ who: 'ann' });
  });

  it('records failReason and failCount when a job throws', async () => {
    const agenda = buildAgenda(db, 'failing');
    agenda.define('explode', async () => {
      throw new Error('boom on purpose');
    });
    await agenda.start();
    const job = await agenda.now('explode');
    const id = job.attrs._id;
    await waitFor(
      async () =>
        (await db.collection(JOBS).findOne({ _id: new ObjectId(String(id)) }))?.failCount === 1,
      'the failure to be recorded',
    );
    const record = (await db
      .collection(JOBS)
      .findOne({ _id: new ObjectId(String(id)) })) as Document;
    expect(record.failReason).toContain('boom on purpose');
    expect(record.failedAt).toBeInstanceOf(Date);
  });

  it('two instances on one database never run the same job twice', async () => {
    const JOB_COUNT = 30;
    const secondClient = new MongoClient(t.uri, clientOptions());
    extraClients.push(secondClient);
    await secondClient.connect();
    const dbA = db;
    const dbB = secondClient.db(db.databaseName);
    const runs = db.collection('runs');
    await runs.deleteMany({});

    const agendas = [buildAgenda(dbA, 'worker-a'), buildAgenda(dbB, 'worker-b')];
    for (const [index, agenda] of agendas.entries()) {
      const instance = index === 0 ? 'a' : 'b';
      const runsHere = (index === 0 ? dbA : dbB).collection('runs');
      agenda.define('work', async (job: Job<{ n: number }>) => {
        await runsHere.insertOne({
          jobId: String(job.attrs._id),
          n: job.attrs.data.n,
          instance,
        });
        await new Promise((resolve) => setTimeout(resolve, 15));
      });
    }
    // Both instances must be connected before jobs are scheduled through one of them.
    await Promise.all(agendas.map((agenda) => agenda.ready));
    await Promise.all(Array.from({ length: JOB_COUNT }, (_, n) => agendas[0]!.now('work', { n })));
    await Promise.all(agendas.map((agenda) => agenda.start()));

    await waitFor(
      async () =>
        (await db
          .collection(JOBS)
          .countDocuments({ name: 'work', lastFinishedAt: { $ne: null } })) === JOB_COUNT,
      'all jobs to finish',
      30_000,
    );
    // Give a late duplicate run a chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const recorded = await runs.find().toArray();
    const jobIds = recorded.map((r) => r.jobId as string);
    expect(new Set(jobIds).size).toBe(jobIds.length);
    expect(recorded).toHaveLength(JOB_COUNT);
    expect(recorded.map((r) => r.n as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: JOB_COUNT }, (_, n) => n),
    );
    // Agenda stores failReason: null on success.
    const failed = await db.collection(JOBS).countDocuments({ failReason: { $ne: null } });
    expect(failed).toBe(0);
  });
});

describe('recurring jobs', () => {
  it('two instances declaring the same every() job share one record and it repeats', async () => {
    const secondClient = new MongoClient(t.uri, clientOptions());
    extraClients.push(secondClient);
    await secondClient.connect();
    const agendas = [
      buildAgenda(db, 'tick-a'),
      buildAgenda(secondClient.db(db.databaseName), 'tick-b'),
    ];
    let ticks = 0;
    for (const agenda of agendas) {
      agenda.define('tick', async () => {
        ticks += 1;
      });
    }
    await Promise.all(agendas.map((agenda) => agenda.ready));
    await Promise.all(agendas.map((agenda) => agenda.every(300, 'tick')));
    expect(await db.collection(JOBS).countDocuments({ name: 'tick' })).toBe(1);
    const record = await db.collection(JOBS).findOne({ name: 'tick' });
    expect(record?.type).toBe('single');

    await Promise.all(agendas.map((agenda) => agenda.start()));
    await waitFor(async () => ticks >= 3, 'three ticks', 10_000);
    expect(await db.collection(JOBS).countDocuments({ name: 'tick' })).toBe(1);
  });
});

describe('dependency tree', () => {
  it('has exactly one copy of bson installed (a second one breaks Agenda)', () => {
    const root = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
    const copies: string[] = [];
    const walk = (dir: string) => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.name.startsWith('@')) {
          walk(full);
          continue;
        }
        if (entry.name === 'bson') {
          const pkg = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8'));
          if (pkg.name === 'bson') copies.push(`${path.relative(root, full)}@${pkg.version}`);
        }
        walk(path.join(full, 'node_modules'));
      }
    };
    walk(root);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^bson@7\./);
  });
});
