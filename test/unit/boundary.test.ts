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

  it('would catch an offending import (the check itself works)', () => {
    expect(importsOf('import { App } from \'@slack/bolt\';\nimport x from "mongodb";')).toEqual([
      '@slack/bolt',
      'mongodb',
    ]);
  });
});
