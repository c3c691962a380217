import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * STYLE.md rule 1: dependencies point inward. The core imports no platform SDK, no database
 * driver and no job library, so that the Slack and Teams adapters, Mongo and Agenda stay
 * replaceable and the rules are testable on their own.
 */
const FORBIDDEN = [
  /^@slack\//,
  /^botbuilder/,
  /^@microsoft\//,
  /^mongodb$/,
  /^agenda$/,
  /^@agendajs\//,
  /^bson$/,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) {
    specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return specifiers;
}

describe('the core boundary', () => {
  const coreDir = path.resolve('src/core');
  const files = filesUnder(coreDir);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('imports no platform SDK, database driver or job library', () => {
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${path.relative(coreDir, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('imports nothing from outside src/core except packages', () => {
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => !path.resolve(path.dirname(file), spec).startsWith(coreDir))
        .map((spec) => `${path.relative(coreDir, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('is also a lint rule: Biome forbids the same packages in src/core', () => {
    const biome = JSON.parse(readFileSync('biome.json', 'utf8')) as {
      overrides?: {
        includes?: string[];
        linter?: { rules?: { style?: { noRestrictedImports?: unknown } } };
      }[];
    };
    const override = biome.overrides?.find((o) => o.includes?.includes('src/core/**'));
    const rule = override?.linter?.rules?.style?.noRestrictedImports as
      | { level: string; options: { patterns: { group: string[] }[] } }
      | undefined;
    expect(rule?.level).toBe('error');
    // Biome's groups are gitignore-style globs: `*` within a path segment, `**` across them.
    const globs = (rule?.options.patterns ?? []).flatMap((p) => p.group);
    const matchers = globs.map(
      (glob) =>
        new RegExp(
          `^${glob
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*/g, '\u2605')
            .replace(/\*/g, '[^/]*')
            .replace(/\u2605/g, '.*')}$`,
        ),
    );
    const restricted = (spec: string) => matchers.some((m) => m.test(spec));
    const samples = [
      '@slack/bolt',
      '@slack/web-api/dist/index.js',
      'botbuilder',
      'botbuilder-core',
      '@microsoft/teams-ai',
      'mongodb',
      'agenda',
      '@agendajs/mongo-backend',
      'bson',
    ];
    expect(samples.filter((spec) => !restricted(spec))).toEqual([]);
    for (const spec of samples) expect(FORBIDDEN.some((re) => re.test(spec))).toBe(true);
    expect(['zod', 'date-fns-tz', 'csv-stringify/sync'].filter(restricted)).toEqual([]);
  });

  it('would catch an offending import (the check itself works)', () => {
    expect(importsOf('import { App } from \'@slack/bolt\';\nimport x from "mongodb";')).toEqual([
      '@slack/bolt',
      'mongodb',
    ]);
  });
});
