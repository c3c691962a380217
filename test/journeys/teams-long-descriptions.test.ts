import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndPublishSession } from '../../src/core/sessions/create.js';
import { cardSubmit, conversationIdOf } from '../fixtures/teams/activities.js';
import { eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 3 on Teams. Ada (mentor) has 13 upcoming sessions, each with a description
 * of 2,000 characters. "my sessions" still arrives, every message under Teams' 28 KB, the
 * descriptions cut with "…" and *Read more* under each; pressing it shows the whole text.
 */
const DAY = 86_400_000;
const TEAMS_MAX_BYTES = 28 * 1024;
const long = (n: number) =>
  `Session ${n} begins here. ${'All about compilers. '.repeat(100)}`.slice(0, 2000);

let tenant: TeamsTenant;
let ada: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-long-descriptions');
  ada = await tenant.joins('Ada Lovelace', 'America/Los_Angeles');
  expect(
    await ada.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    }),
  ).toBeUndefined();
  for (let day = 1; day <= 13; day++) {
    const start = new Date(tenant.clock.now().getTime() + day * DAY);
    const made = await createAndPublishSession(tenant.h.core, {
      actor: { personId: ada.id },
      input: {
        title: `Session ${day}`,
        description: long(day),
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        seatLimit: 3,
        meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
      },
    });
    expect(made.ok).toBe(true);
  }
});
afterAll(() => tenant?.stop());

/** The largest serialized activity the bot sent to Ada. */
const largestMessage = () =>
  Math.max(
    ...tenant.h
      .callsTo(conversationIdOf(ada.user))
      .map((c) => Buffer.byteLength(JSON.stringify(c.body))),
  );

describe('Teams: 13 sessions with 2,000-character descriptions', () => {
  it('"my sessions" stays under 28 KB, and the whole description is one press away', async () => {
    await ada.says('my sessions');
    const list = await ada.cardSaying('My mentoring sessions');
    expect(list.text).toContain('13 upcoming');
    expect(list.text).toContain('1-5 of 13');
    expect(largestMessage()).toBeLessThan(TEAMS_MAX_BYTES);
    expect(list.text).toContain('Session 1 begins here.');
    expect(list.text).not.toContain(long(1));
    expect(list.text).toContain('…');
    expect(list.text.match(/"title":"Read more"/g)).toHaveLength(5);

    // Read more: the session alone, its description whole.
    const before = ada.chat().length;
    const res = await tenant.h.post(
      cardSubmit(ada.user, { verb: 'show.session', sessionId: readMoreSessionId(list.card) }),
    );
    expect(res.status).toBe(200);
    const full = await eventually(() => {
      const shown = ada.chat().slice(before).at(-1);
      expect(shown?.text).toContain('Session 1 begins here.');
      return shown as NonNullable<typeof shown>;
    });
    expect(
      JSON.parse(full.text).body.some((e: { text?: string }) => e.text?.length === long(1).length),
    ).toBe(true);

    // Every page of the list, and the mentor's profile as a mentee sees it, stay under it too.
    await ada.presses(list, 'page.sessions', { offset: 5, completedOffset: 0 });
    await ada.cardSaying('6-10 of 13');
    await ada.presses(list, 'page.sessions', { offset: 10, completedOffset: 0 });
    await ada.cardSaying('11-13 of 13');
    expect(largestMessage()).toBeLessThan(TEAMS_MAX_BYTES);
  }, 60_000);
});

/** The session id the first *Read more* on a card carries. */
function readMoreSessionId(card: unknown): string {
  const found = /"title":"Read more","data":\{[^}]*"sessionId":"([^"]+)"/.exec(
    JSON.stringify(card),
  );
  expect(found).not.toBeNull();
  return found?.[1] as string;
}
