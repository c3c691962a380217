/**
 * Database throughput benchmark: `npm run bench:db`.
 *
 * Starts the embedded MongoDB server on its own thread, as the service runs it (or uses
 * MONGODB_URI, to compare with a real server), preloads N = 10,000 and N = 100,000 documents with a unique index on `key`,
 * and times three operations the product relies on:
 *   - insertOne
 *   - findOne by the unique indexed field
 *   - findOneAndUpdate by the indexed field with $inc
 * each OPS times after a warm-up, sequentially and with 8 concurrent callers.
 *
 * Targets: every operation at least 5,000 ops/s of throughput (measured with 8 concurrent
 * callers: one caller at a time measures the round-trip latency of the driver and loopback,
 * shown for information next to the ping baseline), and indexed lookups at 100k no more
 * than 2.0x slower per operation than at 10k (i.e. they do not scan). Exit code 1 on a FAIL.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Collection, type Db, MongoClient } from 'mongodb';

const SIZES = [10_000, 100_000] as const;
const OPS = 5_000;
const WARMUP = 500;
const CONCURRENCY = 8;
const PRELOAD_BATCH = 1_000;
const MIN_OPS_PER_SEC = 5_000;
const MAX_RATIO = 2.0;
const BASELINE = 'ping (baseline, no target)';

interface BenchDoc {
  key: number;
  name: string;
  counter: number;
  payload: string;
}

interface Row {
  n: number;
  operation: string;
  concurrency: number;
  opsPerSec: number;
  usPerOp: number;
}

type Op = (i: number) => Promise<unknown>;

async function time(op: Op, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await op(i);
      }
    }),
  );
  return performance.now() - start;
}

async function measure(
  n: number,
  operation: string,
  concurrency: number,
  op: Op,
  rows: Row[],
): Promise<void> {
  await time(op, WARMUP, concurrency);
  const elapsedMs = await time((i) => op(WARMUP + i), OPS, concurrency);
  const usPerOp = (elapsedMs * 1000) / OPS;
  rows.push({ n, operation, concurrency, opsPerSec: OPS / (elapsedMs / 1000), usPerOp });
}

async function preload(collection: Collection<BenchDoc>, n: number): Promise<number> {
  const start = performance.now();
  for (let from = 0; from < n; from += PRELOAD_BATCH) {
    const batch: BenchDoc[] = [];
    for (let key = from; key < Math.min(n, from + PRELOAD_BATCH); key += 1) {
      batch.push({ key, name: `user-${key}`, counter: 0, payload: 'x'.repeat(100) });
    }
    await collection.insertMany(batch, { ordered: false });
  }
  return performance.now() - start;
}

/** A cheap deterministic spread of keys over [0, n) so lookups hit the whole index. */
function keyFor(i: number, n: number): number {
  return (i * 7_919 + 13) % n;
}

async function benchSize(db: Db, n: number, rows: Row[]): Promise<void> {
  const collection = db.collection<BenchDoc>(`bench_${n}`);
  await collection.drop().catch(() => false);
  await collection.createIndex({ key: 1 }, { unique: true });
  const preloadMs = await preload(collection, n);
  const count = await collection.estimatedDocumentCount();
  if (count !== n) throw new Error(`preload of ${n} left ${count} documents`);
  console.log(`  preloaded ${n.toLocaleString('en-US')} docs in ${(preloadMs / 1000).toFixed(1)}s`);

  for (const concurrency of [1, CONCURRENCY]) {
    // Round trip with no storage work: separates wire/driver cost from command cost.
    await measure(n, BASELINE, concurrency, () => db.command({ ping: 1 }), rows);
    // New keys above the preloaded range; each (size, concurrency) pass gets its own block.
    const insertBase = n * 10 + concurrency * 1_000_000;
    await measure(
      n,
      'insertOne',
      concurrency,
      (i) =>
        collection.insertOne({
          key: insertBase + i,
          name: `new-${i}`,
          counter: 0,
          payload: 'y'.repeat(100),
        }),
      rows,
    );
    await measure(
      n,
      'findOne by indexed key',
      concurrency,
      async (i) => {
        const doc = await collection.findOne({ key: keyFor(i, n) });
        if (!doc) throw new Error(`key ${keyFor(i, n)} not found`);
      },
      rows,
    );
    await measure(
      n,
      'findOneAndUpdate $inc',
      concurrency,
      async (i) => {
        const doc = await collection.findOneAndUpdate(
          { key: keyFor(i, n) },
          { $inc: { counter: 1 } },
          { returnDocument: 'after' },
        );
        if (!doc) throw new Error(`key ${keyFor(i, n)} not found`);
      },
      rows,
    );
  }
  await collection.drop();
}

function printTable(rows: Row[]): boolean {
  let ok = true;
  const header = ['N', 'operation', 'conc', 'ops/s', 'µs/op', 'target', ''];
  const lines: string[][] = rows.map((r) => {
    // Sequential rows measure latency (bounded by one round trip, see the ping baseline).
    const baseline = r.operation === BASELINE || r.concurrency === 1;
    const pass = baseline || r.opsPerSec >= MIN_OPS_PER_SEC;
    ok &&= pass;
    return [
      r.n.toLocaleString('en-US'),
      r.operation,
      String(r.concurrency),
      Math.round(r.opsPerSec).toLocaleString('en-US'),
      r.usPerOp.toFixed(1),
      baseline ? '' : `≥ ${MIN_OPS_PER_SEC.toLocaleString('en-US')} ops/s`,
      baseline ? '' : pass ? 'PASS' : 'FAIL',
    ];
  });

  const [small, large] = SIZES;
  for (const operation of ['findOne by indexed key', 'findOneAndUpdate $inc']) {
    for (const concurrency of [1, CONCURRENCY]) {
      const at = (n: number) =>
        rows.find((r) => r.n === n && r.operation === operation && r.concurrency === concurrency);
      const a = at(small);
      const b = at(large);
      if (!a || !b) continue;
      const ratio = b.usPerOp / a.usPerOp;
      const pass = ratio <= MAX_RATIO;
      ok &&= pass;
      lines.push([
        `${large / 1000}k/${small / 1000}k`,
        `${operation} µs/op ratio`,
        String(concurrency),
        '',
        ratio.toFixed(2),
        `≤ ${MAX_RATIO.toFixed(1)}`,
        pass ? 'PASS' : 'FAIL',
      ]);
    }
  }

  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  return ok;
}

async function main(): Promise<void> {
  const started = performance.now();
  const external = process.env.MONGODB_URI?.trim();
  let stopServer = async () => {};
  let uri: string;
  if (external) {
    uri = external;
  } else {
    const { startEmbeddedMongo } = await import('../src/index.js');
    const server = await startEmbeddedMongo({ thread: true });
    uri = server.uri;
    stopServer = () => server.stop();
  }
  console.log(`bench:db against ${external ? 'MONGODB_URI' : 'the embedded server'} (${uri})`);

  const client = new MongoClient(uri, { maxPoolSize: CONCURRENCY + 2 });
  const db = client.db(`bench_${randomBytes(4).toString('hex')}`);
  const rows: Row[] = [];
  try {
    await client.connect();
    // Let the JIT settle on the wire path before the first measured row.
    await time(() => db.command({ ping: 1 }), 2_000, CONCURRENCY);
    for (const n of SIZES) {
      console.log(`N = ${n.toLocaleString('en-US')}`);
      await benchSize(db, n, rows);
    }
  } finally {
    await db.dropDatabase().catch(() => {});
    await client.close();
    await stopServer();
  }

  console.log('');
  const ok = printTable(rows);
  console.log('');
  console.log(
    `${ok ? 'PASS' : 'FAIL'}: ${OPS.toLocaleString('en-US')} ops per measurement after ${WARMUP} ` +
      `warm-up; total ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  if (!ok) process.exitCode = 1;
}

await main();
