import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { createAndPublishSession } from '../../src/core/sessions/create.js';
import { type AnyView, TEAM } from '../fixtures/slack/payloads.js';
import {
  eventually,
  pressOnEphemeral,
  type SlackPerson,
  SlackWorkspace,
  textOf,
} from './support/slack.js';

/**
 * Issue 10 point 3 on Slack (descriptions). Ada (mentor) has six sessions, five with a
 * description of 2,000 characters and one with a short one. On her App Home and in
 * `/my-sessions` each long description shows its first 280 characters, cut at a word and
 * ending with "…", and *Read more* beside the session's buttons shows the session alone
 * with all of it. The short one is shown whole, with no *Read more*.
 */
const USERS = { UADA: { name: 'Ada', tz: 'America/Los_Angeles' } };
const DAY = 86_400_000;
const long = (n: number) =>
  `Session ${n} begins here. ${'All about compilers. '.repeat(100)}`.slice(0, 2000);
const id = (user: string) => personIdOf('slack', TEAM.id, user);

let world: SlackWorkspace;
let ada: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA.tz });
  for (let day = 1; day <= 6; day++) {
    const start = new Date(world.clock.now().getTime() + day * DAY);
    const made = await createAndPublishSession(world.service.core, {
      actor: { personId: id('UADA') },
      input: {
        title: `Session ${day}`,
        description: day === 6 ? 'A short one.' : long(day),
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        seatLimit: 3,
        meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
      },
    });
    expect(made.ok).toBe(true);
  }
  ada = world.person('UADA');
});
afterAll(() => world?.stop());

/** Every *Read more* button in `blocks`. */
const readMores = (blocks: AnyView[]): AnyView[] =>
  blocks.flatMap((b) => (b.elements ?? []).filter((e: AnyView) => e.action_id === 'session.more'));

/** The section that opens a session's blocks, by its title. */
const sectionOf = (blocks: AnyView[], title: string): string =>
  String(
    blocks.find((b) => b.type === 'section' && String(b.text?.text).startsWith(`*${title}*`))?.text
      ?.text ?? '',
  );

describe('Slack: long session descriptions are cut with "…" and one press away', () => {
  it('on the Home tab: the first 280 characters, then Read more shows all of it', async () => {
    const home = await ada.opensHome();
    const first = sectionOf(home, 'Session 1');
    expect(first).toContain('Session 1 begins here.');
    expect(first).toMatch(/…$/);
    expect(first).not.toContain(long(1));
    expect(readMores(home)).toHaveLength(5);

    const before = world.receivedBy('UADA').length;
    await ada.pressesOnHome('session.more', readMores(home)[0]?.value);
    const alone = await eventually(() => {
      const opened = world
        .receivedBy('UADA')
        .slice(before)
        .filter((r) => r.via === 'views.update' || r.via === 'views.open')
        .at(-1);
      expect(opened?.args.view?.callback_id).toBe('notice');
      expect(opened?.args.view?.title?.text).toBe('Session');
      return opened?.args.view as AnyView;
    });
    expect(sectionOf(alone.blocks, 'Session 1')).toContain(long(1));
    expect(readMores(alone.blocks)).toHaveLength(0);
    // Her buttons come along: she may still edit it from there.
    expect(textOf(alone.blocks)).toContain('session.edit');
  }, 60_000);

  it('in /my-sessions too; a short description is whole, with no Read more', async () => {
    ada.news();
    await ada.types('/my-sessions');
    const answer = await eventually(() => {
      const found = ada.news().find((r) => r.via === 'response_url');
      expect(found).toBeDefined();
      return found as NonNullable<typeof found>;
    });
    expect(readMores(answer.blocks)).toHaveLength(5);
    expect(sectionOf(answer.blocks, 'Session 2')).toMatch(/…$/);

    // The next page holds the short one: whole, nothing to read more of.
    const next = answer.blocks
      .flatMap((b: AnyView) => b.elements ?? [])
      .find((e: AnyView) => e.action_id === 'mySessions.next');
    expect(next).toBeDefined();
    await pressOnEphemeral(ada, answer, 'mySessions.next');
    const second = await eventually(() => {
      const found = ada
        .news()
        .filter((r) => r.via === 'response_url')
        .at(-1);
      expect(textOf(found?.blocks)).toContain('Session 6');
      return found as NonNullable<typeof found>;
    });
    expect(sectionOf(second.blocks, 'Session 6')).toContain('A short one.');
    expect(readMores(second.blocks)).toHaveLength(0);

    // Read more on the ephemeral answer opens the session alone.
    const before = world.receivedBy('UADA').length;
    await pressOnEphemeral(ada, answer, 'session.more');
    await eventually(() => {
      const opened = world
        .receivedBy('UADA')
        .slice(before)
        .filter((r) => r.via === 'views.update' || r.via === 'views.open')
        .at(-1);
      expect(sectionOf(opened?.blocks ?? [], 'Session 1')).toContain(long(1));
    });
  }, 60_000);
});
