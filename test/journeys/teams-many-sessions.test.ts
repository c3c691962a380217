import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSession } from '../../src/core/requests/request-session.js';
import { createAndPublishSession } from '../../src/core/sessions/create.js';
import { type ChatCard, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 1 on Teams. Ada (mentor, Los Angeles) has 8 upcoming sessions and 7 mentees
 * waiting for an answer. "my sessions" and "incoming requests" say so ("8 upcoming",
 * "Session requests for you (7)") and she reaches every one with *Next* / *Previous*, the card
 * turning in place; nothing is cut off with "and 3 more".
 */
const DAY = 86_400_000;

let tenant: TeamsTenant;
let ada: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-many-sessions');
  ada = await tenant.joins('Ada Lovelace', 'America/Los_Angeles');
  expect(
    await ada.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Careers in computing',
      bio: '',
      expertise: 'careers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    }),
  ).toBeUndefined();
  const core = tenant.h.core;
  // Given: eight published sessions, one a day from tomorrow, and seven requests.
  for (let day = 1; day <= 8; day++) {
    const start = new Date(tenant.clock.now().getTime() + day * DAY);
    const made = await createAndPublishSession(core, {
      actor: { personId: ada.id },
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
  for (let n = 1; n <= 7; n++) {
    const mentee = await tenant.joins(`Mentee ${n}`, 'Europe/London');
    const asked = await requestSession(core, {
      actor: { personId: mentee.id },
      input: { mentorId: ada.id, message: `Hello from mentee ${n}` },
    });
    expect(asked.ok).toBe(true);
  }
});
afterAll(() => tenant?.stop());

const titlesIn = (card: ChatCard) => [...card.text.matchAll(/"(Session \d)"/g)].map((m) => m[1]);
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

describe('Teams: a mentor with 8 upcoming sessions and 7 requests reaches every one', () => {
  it('pages through "my sessions", the card turning in place', async () => {
    await ada.says('my sessions');
    const first = await ada.cardSaying('My mentoring sessions');
    expect(first.text).toContain('8 upcoming');
    expect(titlesIn(first)).toEqual([
      'Session 1',
      'Session 2',
      'Session 3',
      'Session 4',
      'Session 5',
    ]);
    expect(first.text).toContain('1-5 of 8');
    expect(first.text).not.toMatch(/and \d+ more/);

    await ada.presses(first, 'page.sessions', pagerData(first, 'Next 3'));
    const second = await ada.cardSaying('6-8 of 8');
    expect(second.method).toBe('PUT');
    expect(second.id).toBe(first.id);
    expect(titlesIn(second)).toEqual(['Session 6', 'Session 7', 'Session 8']);
    expect(second.text).toContain('8 upcoming');

    await ada.presses(second, 'page.sessions', pagerData(second, 'Previous'));
    const back = await ada.cardSaying('1-5 of 8');
    expect(back.method).toBe('PUT');
    expect(titlesIn(back)).toHaveLength(5);
  }, 60_000);

  it('pages through "incoming requests", each with Schedule session and Decline', async () => {
    await ada.says('incoming requests');
    const first = await ada.cardSaying('Session requests for you (7)');
    expect(first.text.match(/asked Ada Lovelace for a session/g)).toHaveLength(5);
    await ada.presses(first, 'page.incoming', pagerData(first, 'Next 2'));
    const second = await ada.cardSaying('6-7 of 7');
    expect(second.method).toBe('PUT');
    expect(second.text.match(/asked Ada Lovelace for a session/g)).toHaveLength(2);
    expect(second.text.match(/"verb":"request.decline"/g)).toHaveLength(2);
  }, 60_000);
});
