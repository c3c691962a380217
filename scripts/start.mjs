// `npm start`: runs the built service, building it first only when a source file is newer
// than the last build. The build here is esbuild's per-file transpile (under a second);
// type checking stays with `npm run typecheck` and `npm run build` (tsc, what Docker runs).
// The service then runs in this same process, so a start costs one node startup, not two.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.start-build');
const entry = join(root, 'dist', 'src', 'main.js');
// What the built output depends on besides the TypeScript sources themselves.
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, found);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function newestInput(files) {
  let newest = 0;
  for (const file of [...files, ...inputs.map((name) => join(root, name))]) {
    if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

// The service, and the embedded database (a dev-only workspace) beside it in dist/: the built
// service loads that instead of compiling the package's TypeScript at every start.
const trees = [
  { from: join(root, 'src'), to: join(root, 'dist', 'src') },
  {
    from: join(root, 'packages', 'embedded-mongo', 'src'),
    to: join(root, 'dist', 'embedded-mongo'),
  },
].filter((tree) => existsSync(tree.from));
const files = trees.flatMap((tree) => sources(tree.from));
const built = existsSync(stamp) && existsSync(entry) ? statSync(stamp).mtimeMs : 0;
if (newestInput(files) > built) {
  const started = performance.now();
  const { build } = await import('esbuild');
  for (const tree of trees) {
    await build({
      entryPoints: sources(tree.from),
      outdir: tree.to,
      outbase: tree.from,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
    });
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const ms = Math.round(performance.now() - started);
  process.stderr.write(`start: built ${files.length} source files in ${ms} ms\n`);
}
await import(pathToFileURL(entry).href);
