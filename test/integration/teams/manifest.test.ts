import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillManifest } from '../../../scripts/package-teams.js';
import { COMMANDS } from '../../../src/adapters/teams/ids.js';

const dimensionsOf = (file: string) => {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

describe('the Teams app package', () => {
  it('has a colour icon of 192x192 and an outline icon of 32x32', () => {
    expect(dimensionsOf('manifests/teams/color.png')).toEqual([192, 192]);
    expect(dimensionsOf('manifests/teams/outline.png')).toEqual([32, 32]);
  });

  it('fills in the bot id and host, lists exactly the commands the bot answers', () => {
    const template = readFileSync('manifests/teams/manifest.json', 'utf8');
    const manifest = JSON.parse(
      fillManifest(template, 'b07-id', 'https://bot.example.com/ignored', '1.2.3'),
    );
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe('b07-id');
    expect(manifest.bots[0].botId).toBe('b07-id');
    expect(manifest.bots[0].scopes).toEqual(['personal']);
    expect(manifest.validDomains).toEqual(['bot.example.com']);
    const commands = manifest.bots[0].commandLists[0].commands;
    expect(commands.map((c: { title: string }) => c.title)).toEqual(COMMANDS.map((c) => c.command));
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) expect(c.title.length).toBeLessThanOrEqual(32);
    expect(() => fillManifest(template, 'x', 'http://insecure.example.com', '1.2.3')).toThrow(
      /https/,
    );
  });
});
