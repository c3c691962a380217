import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyView } from '../fixtures/slack/payloads.js';
import {
  eventually,
  pressOnEphemeral,
  type Received,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 3 on Slack (search results). The workspace has 23 mentors. Grace (mentee)
 * types `/find-mentor`: the answer says "23 mentors" and what to type to narrow them, shows
 * ten, and *Next 10* / *Previous* reach every one of them in place; nothing says "N more"
 * and leaves her there. Narrowed to "Mentor 2", four fit on one page with no paging.
 */
const USERS: Record<string, { name: string; tz: string }> = {
  UGRACE: { name: 'Grace', tz: 'Asia/Kolkata' },
};
const MENTORS = Array.from({ length: 23 }, (_, i) => `Mentor ${String(i + 1).padStart(2, '0')}`);
for (const [i, name] of MENTORS.entries()) USERS[`UM${i + 1}`] = { name, tz: 'Europe/London' };

let world: SlackWorkspace;
let grace: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  for (const [i, name] of MENTORS.entries()) {
    await world.service.seed(`UM${i + 1}`, {
      name,
      roles: ['mentor'],
      mentorProfile: { headline: `Mentor number ${i + 1}`, expertise: ['Careers'] },
    });
  }
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE?.tz });
  grace = world.person('UGRACE');
});
afterAll(() => world?.stop());

/** The mentors' user ids a list mentions, in order. */
const mentorsIn = (blocks: AnyView[]) =>
  [...textOf(blocks).matchAll(/<@(UM\d+)>/g)].map((m) => USERS[m[1] as string]?.name);

/** The latest ephemeral answer Grace got (a command's, or a page turned in place). */
const latestAnswer = (before: number) =>
  eventually(() => {
    const answers = world.receivedBy('UGRACE').filter((r) => r.via === 'response_url');
    expect(answers.length).toBeGreaterThan(before);
    return answers.at(-1) as Received;
  });
const answers = () => world.receivedBy('UGRACE').filter((r) => r.via === 'response_url').length;

describe('Slack: find a mentor among 23', () => {
  it('pages through every mentor, says how many and how to narrow them', async () => {
    await grace.types('/find-mentor');
    const first = await latestAnswer(0);
    expect(textOf(first.blocks)).toContain('23 mentors');
    expect(textOf(first.blocks)).toContain('/find-mentor python');
    expect(textOf(first.blocks)).toContain('1-10 of 23');
    expect(textOf(first.blocks)).not.toMatch(/\d+ more/);
    expect(mentorsIn(first.blocks)).toEqual(MENTORS.slice(0, 10));

    const count = answers();
    await pressOnEphemeral(grace, first, 'findMentor.next');
    const second = await latestAnswer(count);
    expect(second.args.replace_original).toBe(true);
    expect(textOf(second.blocks)).toContain('11-20 of 23');
    expect(mentorsIn(second.blocks)).toEqual(MENTORS.slice(10, 20));

    const more = answers();
    await pressOnEphemeral(grace, second, 'findMentor.next');
    const third = await latestAnswer(more);
    expect(textOf(third.blocks)).toContain('21-23 of 23');
    expect(mentorsIn(third.blocks)).toEqual(MENTORS.slice(20));
    expect(textOf(third.blocks)).not.toContain('findMentor.next');

    const back = answers();
    await pressOnEphemeral(grace, third, 'findMentor.previous');
    const again = await latestAnswer(back);
    expect(mentorsIn(again.blocks)).toEqual(MENTORS.slice(10, 20));
  }, 60_000);

  it('a narrowed search fits one page, with no paging', async () => {
    const count = answers();
    await grace.types('/find-mentor', 'Mentor 2');
    const found = await latestAnswer(count);
    expect(textOf(found.blocks)).toContain('Mentors matching \\"Mentor 2\\"');
    expect(mentorsIn(found.blocks)).toEqual(['Mentor 20', 'Mentor 21', 'Mentor 22', 'Mentor 23']);
    expect(textOf(found.blocks)).not.toContain('findMentor.next');
    expect(textOf(found.blocks)).not.toContain('To narrow them');
  }, 60_000);
});
