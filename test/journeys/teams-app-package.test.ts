import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillManifest, versionOf } from '../../scripts/package-teams.js';
import { startTeams, type TeamsHarness } from '../integration/teams/harness.js';

/**
 * Issue 10 point 23. A tenant admin uploads the Teams app package and, before installing,
 * opens the website, privacy and terms links Teams shows: each is a real page served by the
 * service. The package's version is package.json's, so a release uploads without a bump.
 */
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams();
});
afterAll(() => h?.stop());

describe('Teams: the app package a tenant admin uploads', () => {
  it('carries the release version and links to pages the service serves', async () => {
    const pkg = readFileSync('package.json', 'utf8');
    const manifest = JSON.parse(
      fillManifest(
        readFileSync('manifests/teams/manifest.json', 'utf8'),
        '00000000-0000-0000-0000-00000000b07a',
        'https://mentorbot.test',
        versionOf(pkg),
      ),
    );
    expect(manifest.version).toBe(JSON.parse(pkg).version);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);

    const links = {
      websiteUrl: 'mentorbot',
      privacyUrl: 'Privacy',
      termsOfUseUrl: 'Terms of use',
    } as const;
    for (const [field, heading] of Object.entries(links)) {
      const url = new URL(manifest.developer[field]);
      expect(url.origin).toBe('https://mentorbot.test');
      // The admin's browser opens the link; here it reaches the same service locally.
      const res = await fetch(`${h.url}${url.pathname}`);
      expect(res.status, field).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain(`<h1>${heading}</h1>`);
      expect(html.length).toBeGreaterThan(400);
    }
    // The pages are pages, not a catch-all: another path is still not found.
    expect((await fetch(`${h.url}/privacy-policy`)).status).toBe(404);
  });

  it('refuses a package.json without an x.y.z version', () => {
    expect(() => versionOf('{"version":"next"}')).toThrow(/x\.y\.z/);
    expect(versionOf('{"version":"2.4.0-rc.1"}')).toBe('2.4.0');
  });
});
