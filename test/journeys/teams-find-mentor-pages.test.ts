import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatCard, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 3 on Teams (search results). The tenant has 23 mentors. Grace (mentee)
 * types "find mentor": the card says "23 mentors" and what to type to narrow them, shows ten,
 * and *Next 10* / *Previous* turn the card in place until she has seen every one. Narrowed
 * to "Mentor 2", four fit on one card with no paging.
 */
const TENANT = 'tenant-find-mentor-pages';
const MENTORS = Array.from({ length: 23 }, (_, i) => `Mentor ${String(i + 1).padStart(2, '0')}`);

let tenant: TeamsTenant;
let grace: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start(TENANT);
  grace = await tenant.joins('Grace Hopper', 'Asia/Kolkata');
  const people = tenant.h.core.people;
  const now = tenant.clock.now();
  for (const [i, name] of MENTORS.entries()) {
    const person = await people.upsertIdentity(
      {
        platform: 'teams',
        tenantId: TENANT,
        userId: `10000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`,
        displayName: name,
        timeZone: 'Europe/London',
      },
      now,
    );
    await people.addRole(person.id, 'mentor', now);
    await people.saveMentorProfile(
      person.id,
      {
        headline: `Mentor number ${i + 1}`,
        bio: '',
        expertise: ['Careers'],
        availability: [],
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
      },
      now,
    );
  }
});
afterAll(() => tenant?.stop());

/** The mentors a card lists, in order. */
const mentorsIn = (text: string) => [...text.matchAll(/"text":"(Mentor \d\d)"/g)].map((m) => m[1]);

/** The data of the paging button titled `title` on the card. */
function pagerData(card: ChatCard, title: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.title === title) found.push(o.data as never);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card.card);
  expect(found, `no ${title} button`).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

describe('Teams: find a mentor among 23', () => {
  it('pages through every mentor in place, says how many and how to narrow them', async () => {
    await grace.says('find mentor');
    const list = await grace.cardSaying('1-10 of 23');
    expect(list.text).toContain('23 mentors');
    expect(list.text).toContain('find mentor python');
    expect(list.text).not.toMatch(/\d+ more/);
    expect(mentorsIn(list.text)).toEqual(MENTORS.slice(0, 10));

    await grace.presses(list, 'page.mentors', pagerData(list, 'Next 10'));
    const second = await grace.cardSaying('11-20 of 23');
    expect(second.method).toBe('PUT');
    expect(second.id).toBe(list.id);
    expect(mentorsIn(second.text)).toEqual(MENTORS.slice(10, 20));

    await grace.presses(second, 'page.mentors', pagerData(second, 'Next 3'));
    const third = await grace.cardSaying('21-23 of 23');
    expect(mentorsIn(third.text)).toEqual(MENTORS.slice(20));
    expect(third.text).not.toContain('"title":"Next');

    await grace.presses(third, 'page.mentors', pagerData(third, 'Previous'));
    await grace.cardSaying('11-20 of 23');
  }, 60_000);

  it('a narrowed search fits one card, with no paging', async () => {
    await grace.says('find mentor Mentor 2');
    const found = await grace.cardSaying('Mentors matching');
    expect(mentorsIn(found.text)).toEqual(['Mentor 20', 'Mentor 21', 'Mentor 22', 'Mentor 23']);
    expect(found.text).not.toContain('page.mentors');
    expect(found.text).not.toContain('To narrow them');
  }, 60_000);
});
