import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EJSON } from 'bson';
import { type Document, MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/index.js';
import { type ServerFacts, UnifiedRunner, type Verdict } from './unified.js';

/**
 * `npm run test:spec -w @mentorbot/embedded-mongo -- <folder>...`: runs the unified-format
 * JSON tests of MongoDB's specifications repository found in each folder against the
 * embedded server (started here with test commands enabled), or against MONGODB_URI when
 * set, and prints run/pass/fail/skip per suite (one suite per folder). `--verbose` lists
 * every failure and skip with its reason; `--filter text` runs the tests whose file or
 * description contains the text.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    verbose: { type: 'boolean', short: 'v', default: false },
    filter: { type: 'string' },
  },
});

if (positionals.length === 0) {
  process.stderr.write(
    'usage: npm run test:spec -w @mentorbot/embedded-mongo -- [--verbose] [--filter text] <folder>...\n' +
      '  folders of unified-format JSON tests, e.g. <specifications>/source/crud/tests/unified\n',
  );
  process.exit(2);
}

function jsonFiles(folder: string): string[] {
  return readdirSync(folder)
    .flatMap((name) => {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) return [];
      return name.endsWith('.json') ? [full] : [];
    })
    .sort();
}

async function main(): Promise<number> {
  const external = process.env.MONGODB_URI?.trim();
  const server = external ? undefined : await startEmbeddedMongo({ enableTestCommands: true });
  const uri = external || (server?.uri as string);
  const internal = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  await internal.connect();
  const build = await internal.db('admin').command({ buildInfo: 1 });
  const hello = await internal.db('admin').command({ hello: 1 });
  const facts: ServerFacts = {
    version: (build.versionArray as number[]) ?? String(build.version).split('.').map(Number),
    topology: hello.setName ? 'replicaset' : hello.msg === 'isdbgrid' ? 'sharded' : 'single',
  };
  console.log(
    `test:spec against ${external ? 'MONGODB_URI' : 'the embedded server'} (${build.version}, ${facts.topology})`,
  );
  const runner = new UnifiedRunner(uri, internal, facts);
  const totals = { run: 0, pass: 0, fail: 0, skip: 0 };
  const rows: string[] = [];
  try {
    for (const folder of positionals) {
      const suite = { run: 0, pass: 0, fail: 0, skip: 0 };
      for (const file of jsonFiles(folder)) {
        let spec: Document;
        try {
          spec = EJSON.parse(readFileSync(file, 'utf8'), { relaxed: true }) as Document;
        } catch (err) {
          console.log(`  ${path.basename(file)}: unreadable (${(err as Error).message})`);
          continue;
        }
        if (!Array.isArray(spec.tests)) continue; // not a unified-format file
        for (const test of spec.tests as Document[]) {
          const name = `${path.basename(file)}: ${test.description}`;
          if (values.filter && !name.includes(values.filter)) continue;
          const verdict: Verdict = await runner.runTest(spec, test);
          suite.run++;
          suite[verdict.status]++;
          if (values.verbose && verdict.status !== 'pass') {
            console.log(`  ${verdict.status.toUpperCase()} ${name}\n      ${verdict.reason}`);
          }
        }
      }
      rows.push(
        `${folder}: run ${suite.run}, pass ${suite.pass}, fail ${suite.fail}, skip ${suite.skip}`,
      );
      for (const key of Object.keys(totals) as Array<keyof typeof totals>)
        totals[key] += suite[key];
    }
  } finally {
    await internal.close();
    await server?.stop();
  }
  console.log(rows.join('\n'));
  console.log(
    `total: run ${totals.run}, pass ${totals.pass}, fail ${totals.fail}, skip ${totals.skip}`,
  );
  return totals.fail === 0 ? 0 : 1;
}

process.exitCode = await main();
