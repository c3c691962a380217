/**
 * `npm run playground`: the service (embedded database, demo workspace, no Teams app id)
 * and one Microsoft 365 Agents Playground per demo person, each pointed at /api/messages
 * with channel msteams. The playground has no way to switch user inside one page, so each
 * person gets their own playground, configured through the playground's own config file
 * (`currentUser`, `tenantId`): open two tabs and you are a mentee in one and a mentor in
 * the other.
 *
 *   npm run playground                    # megan (mentee), priya (mentor), alex (admin)
 *   npm run playground -- diego james     # any demo people, by handle (README lists them)
 *
 * Environment: PORT (service, default 3978), PLAYGROUND_PORT (first playground, default
 * 56150; the next people get the next ports). The playground never opens a browser
 * (TEAMSAPPTESTER_BROWSER=none: headless machines have no xdg-open) and sends no telemetry
 * (--disable-telemetry).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PEOPLE } from '../src/demo/people.js';
import { playgroundConfig } from '../src/demo/playground.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const handles =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['megan', 'priya', 'admin'];
const servicePort = Number(process.env.PORT ?? 3978);
const firstPlaygroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const people = handles.map((handle) => {
  const person = DEMO_PEOPLE.find((p) => p.handle === handle);
  if (!person) {
    const known = DEMO_PEOPLE.map((p) => p.handle).join(', ');
    process.stderr.write(`playground: no demo person "${handle}" (known: ${known})\n`);
    process.exit(2);
  }
  return person;
});

// The service: the embedded database and the demo workspace, Teams without an app id (the
// playground sends no Bot Framework token), Slack off.
const serviceEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(servicePort), DEMO: 'on' };
for (const name of Object.keys(serviceEnv)) {
  if (name.startsWith('MICROSOFT_APP_') || name.startsWith('SLACK_') || name === 'MONGODB_URI') {
    delete serviceEnv[name];
  }
}
serviceEnv.NODE_ENV = 'development';
const service = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
  env: serviceEnv,
  stdio: ['ignore', 'inherit', 'inherit'],
});
children.push(service);
service.on('exit', (code) => {
  process.stderr.write(`playground: the service exited (${code}); stopping\n`);
  stopAll(code ?? 1);
});

const deadline = Date.now() + 60_000;
for (;;) {
  const ready = await fetch(`http://127.0.0.1:${servicePort}/readyz`).then(
    (res) => res.ok,
    () => false,
  );
  if (ready) break;
  if (Date.now() > deadline) {
    process.stderr.write('playground: the service did not become ready within 60 s\n');
    stopAll(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const require = createRequire(import.meta.url);
const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
const configDir = join(root, 'dist', 'playground');
mkdirSync(configDir, { recursive: true });
const urls: string[] = [];
people.forEach((person, index) => {
  const port = firstPlaygroundPort + index;
  const configPath = join(configDir, `${person.handle}.yml`);
  writeFileSync(configPath, playgroundConfig(person));
  const child = spawn(
    process.execPath,
    [
      cli,
      '--app-endpoint',
      `http://127.0.0.1:${servicePort}/api/messages`,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      '--disable-telemetry',
    ],
    {
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(configDir, `${person.handle}.log`),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(child);
  child.on('exit', (code) => {
    process.stderr.write(
      `playground: the playground for ${person.handle} exited (${code}); see ${join(configDir, `${person.handle}.log`)}\n`,
    );
    stopAll(code ?? 1);
  });
  urls.push(`  http://localhost:${port}  as ${person.identity.displayName} (${person.handle})`);
});

// Print the addresses once every playground answers (each takes a few seconds to start).
await Promise.all(
  people.map(async (_person, index) => {
    const url = `http://127.0.0.1:${firstPlaygroundPort + index}/`;
    while (
      !(await fetch(url).then(
        (res) => res.ok,
        () => false,
      ))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }),
);
process.stdout.write(
  `\nMicrosoft 365 Agents Playground, one per person (type "help" in each):\n${urls.join('\n')}\n\nCtrl-C stops everything.\n`,
);
