import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { requestSession } from '../../src/core/requests/request-session.js';
import { createAndPublishSession } from '../../src/core/sessions/create.js';
import { type AnyView, TEAM } from '../fixtures/slack/payloads.js';
import {
  eventually,
  pressOnEphemeral,
  type Received,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 1 on Slack. Ada (mentor, Los Angeles) has 8 upcoming sessions and 7 mentees
 * waiting for an answer. Her Home and `/my-sessions` say so ("8 upcoming", "Requests for you
 * (7)") and she reaches every session and every request with *Next* / *Previous*; nothing is
 * cut off with "and 3 more".
 */
const USERS: Record<string, { name: string; tz: string }> = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
};
const MENTEES = ['UM1', 'UM2', 'UM3', 'UM4', 'UM5', 'UM6', 'UM7'];
for (const m of MENTEES) USERS[m] = { name: `Mentee ${m.slice(2)}`, tz: 'Europe/London' };
const id = (user: string) => personIdOf('slack', TEAM.id, user);
const DAY = 86_400_000;

let world: SlackWorkspace;
let ada: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA?.tz });
  const core = world.service.core;
  // Given: eight published sessions, one a day from tomorrow, and seven requests.
  for (let day = 1; day <= 8; day++) {
    const start = new Date(world.clock.now().getTime() + day * DAY);
    const made = await createAndPublishSession(core, {
      actor: { personId: id('UADA') },
      input: {
        title: `Session ${day}`,
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        seatLimit: 3,
        meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
      },
    });
    expect(made.ok).toBe(true);
  }
  for (const mentee of MENTEES) {
    await world.service.seed(mentee, { name: USERS[mentee]?.name ?? mentee });
    const asked = await requestSession(core, {
      actor: { personId: id(mentee) },
      input: { mentorId: id('UADA'), message: `Hello from ${mentee}` },
    });
    expect(asked.ok).toBe(true);
  }
  ada = world.person('UADA');
});
afterAll(() => world?.stop());

const titlesIn = (blocks: unknown) =>
  [...textOf(blocks).matchAll(/\*(Session \d)\*/g)].map((m) => m[1]);
/** Every button with this action id in `blocks`. */
const buttons = (blocks: AnyView[], actionId: string): AnyView[] =>
  blocks.flatMap((b) => (b.elements ?? []).filter((e: AnyView) => e.action_id === actionId));
/** The paging button that moves the Home's `list`. */
const homePager = (blocks: AnyView[], actionId: string, list: string, offset: number) => {
  const found = buttons(blocks, actionId).find((b) => JSON.parse(b.value)[list] === offset);
  expect(found, `no ${actionId} to ${list} ${offset}`).toBeDefined();
  return found as AnyView;
};
const latestHome = async (before: number) =>
  eventually(() => {
    const homes = world.receivedBy('UADA').filter((r) => r.via === 'views.publish');
    expect(homes.length).toBeGreaterThan(before);
    return homes.at(-1)?.blocks as AnyView[];
  });

describe('Slack: a mentor with 8 upcoming sessions and 7 requests reaches every one', () => {
  it('pages through them on the Home tab', async () => {
    const home = await ada.opensHome();
    expect(textOf(home)).toContain('8 upcoming');
    expect(titlesIn(home)).toEqual([
      'Session 1',
      'Session 2',
      'Session 3',
      'Session 4',
      'Session 5',
    ]);
    expect(textOf(home)).toContain('1-5 of 8');
    expect(textOf(home)).not.toMatch(/and \d+ more/);
    expect(textOf(home)).toContain('Requests for you (7)');
    expect(textOf(home).match(/asked you for a mentoring session/g)).toHaveLength(5);

    // Next 3: the last three sessions; the requests stay on their page.
    const next = homePager(home, 'home.next', 'sessions', 5);
    expect(next.text.text).toBe('Next 3');
    const before = world.receivedBy('UADA').filter((r) => r.via === 'views.publish').length;
    await ada.pressesOnHome('home.next', next.value);
    const second = await latestHome(before);
    expect(titlesIn(second)).toEqual(['Session 6', 'Session 7', 'Session 8']);
    expect(textOf(second)).toContain('6-8 of 8');
    expect(buttons(second, 'home.next').some((b) => JSON.parse(b.value).sessions === 10)).toBe(
      false,
    );
    expect(textOf(second).match(/asked you for a mentoring session/g)).toHaveLength(5);

    // The requests' Next 2 shows the last two, each with Schedule session and Decline.
    const more = homePager(second, 'home.next', 'incoming', 5);
    expect(more.text.text).toBe('Next 2');
    const count = world.receivedBy('UADA').filter((r) => r.via === 'views.publish').length;
    await ada.pressesOnHome('home.next', more.value);
    const third = await latestHome(count);
    expect(textOf(third).match(/asked you for a mentoring session/g)).toHaveLength(2);
    expect(buttons(third, 'request.schedule')).toHaveLength(2);
    expect(textOf(third)).toContain('6-7 of 7');
    // Still on the sessions' second page.
    expect(titlesIn(third)).toEqual(['Session 6', 'Session 7', 'Session 8']);

    // Previous goes back to the first five sessions.
    const back = homePager(third, 'home.previous', 'sessions', 0);
    const n = world.receivedBy('UADA').filter((r) => r.via === 'views.publish').length;
    await ada.pressesOnHome('home.previous', back.value);
    expect(titlesIn(await latestHome(n))).toEqual([
      'Session 1',
      'Session 2',
      'Session 3',
      'Session 4',
      'Session 5',
    ]);
  }, 60_000);

  it('pages through them in /my-sessions, the answer turning in place', async () => {
    await ada.types('/my-sessions');
    const answer = await eventually(() => {
      const found = world
        .receivedBy('UADA')
        .filter((r) => r.via === 'response_url' && r.text.startsWith('My sessions'))
        .at(-1);
      expect(found).toBeDefined();
      return found as Received;
    });
    expect(answer.args.response_type).toBe('ephemeral');
    expect(answer.text).toContain('8 upcoming');
    expect(titlesIn(answer.blocks)).toHaveLength(5);
    expect(answer.blocks.length).toBeLessThanOrEqual(50);

    const url = await pressOnEphemeral(ada, answer, 'mySessions.next');
    const turned = await eventually(() => {
      const found = world.calls.find((c) => c.path === new URL(url).pathname);
      expect(found).toBeDefined();
      return found?.args as AnyView;
    });
    expect(turned.replace_original).toBe(true);
    expect(titlesIn(turned.blocks)).toEqual(['Session 6', 'Session 7', 'Session 8']);
    expect(buttons(turned.blocks, 'mySessions.previous')).toHaveLength(1);
    expect(buttons(turned.blocks, 'mySessions.next')).toHaveLength(0);
  }, 60_000);
});
