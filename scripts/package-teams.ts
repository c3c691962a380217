/**
 * `npm run package:teams`: the Teams app package to upload (Teams admin center or
 * Developer Portal): manifests/teams/manifest.json with the bot id and host filled in from
 * the environment (MICROSOFT_APP_ID, PUBLIC_BASE_URL) and the version from package.json
 * (so every release uploads without a manual bump), plus the two icons, zipped at the
 * root as Teams expects. Writes dist/teams/mentorbot-teams.zip (or the path given).
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { COMMANDS } from '../src/adapters/teams/ids.js';
import { loadConfig } from '../src/config.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The app's version as Teams wants it (x.y.z), from package.json: each release uploads. */
export function versionOf(packageJson: string): string {
  const version = (JSON.parse(packageJson) as { version?: unknown }).version;
  const core = typeof version === 'string' ? /^(\d+\.\d+\.\d+)/.exec(version)?.[1] : undefined;
  if (!core) throw new Error(`package.json has no x.y.z version (got ${String(version)})`);
  return core;
}

export function fillManifest(
  template: string,
  appId: string,
  baseUrl: string,
  version: string,
): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:')
    throw new Error('PUBLIC_BASE_URL must be an https:// URL for Teams');
  const filled = template
    .replaceAll('{{VERSION}}', version)
    .replaceAll('{{MICROSOFT_APP_ID}}', appId)
    .replaceAll('{{PUBLIC_BASE_URL}}', url.origin)
    .replaceAll('{{PUBLIC_HOST}}', url.host);
  const manifest = JSON.parse(filled) as {
    bots: { commandLists: { commands: { title: string }[] }[] }[];
  };
  // The manifest's command list and the commands the bot answers are the same list.
  const listed = manifest.bots[0]?.commandLists[0]?.commands.map((c) => c.title) ?? [];
  const answered = COMMANDS.map((c) => c.command);
  if (JSON.stringify(listed) !== JSON.stringify(answered)) {
    throw new Error(
      `manifest commands ${listed.join(', ')} differ from ids.ts ${answered.join(', ')}`,
    );
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

async function main() {
  const config = loadConfig();
  if (!config.ok) throw new Error(config.problems.join('\n'));
  const { MICROSOFT_APP_ID: appId, PUBLIC_BASE_URL: baseUrl } = config.config;
  if (!appId || !GUID.test(appId))
    throw new Error("MICROSOFT_APP_ID must be set to the bot's app id (a GUID)");
  if (!baseUrl)
    throw new Error('PUBLIC_BASE_URL must be set to the https:// address Teams reaches');
  const dir = path.resolve('manifests/teams');
  const version = versionOf(readFileSync(path.resolve('package.json'), 'utf8'));
  const manifest = fillManifest(
    readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
    appId,
    baseUrl,
    version,
  );
  const out = path.resolve(process.argv[2] ?? 'dist/teams/mentorbot-teams.zip');
  mkdirSync(path.dirname(out), { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(manifest), 'manifest.json');
  zip.addFile(path.join(dir, 'color.png'), 'color.png');
  zip.addFile(path.join(dir, 'outline.png'), 'outline.png');
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
  });
  console.log(
    `wrote ${path.relative(process.cwd(), out)} (version ${version}, bot ${appId}, host ${new URL(baseUrl).host})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(`package:teams: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
