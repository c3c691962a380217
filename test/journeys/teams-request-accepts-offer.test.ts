import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSubmit } from '../fixtures/teams/activities.js';
import { type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 10 on Teams. Priya (mentor, Kolkata) offers to mentor Alan (London). Alan
 * opens Priya's profile from the offer and asks for a session with a message of his own: the
 * offer is accepted and the request still goes, with his words, and Priya can schedule it.
 */
let tenant: TeamsTenant;
let priya: TeamsPerson;
let alan: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-accepts-offer');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  expect(
    await priya.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'bigbluebutton',
    }),
  ).toBeUndefined();
  expect(
    await alan.submitsDialog({
      verb: 'profile.mentee',
      interests: 'compilers',
      lookingForMentor: 'true',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

/** The data of the first button on `card` whose data has this verb. */
// biome-ignore lint/suspicious/noExplicitAny: a card as rendered
function dataOf(card: any, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && data?.verb === verb)
        found = data;
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  expect(found, `no ${verb} button`).toBeDefined();
  return found as Record<string, unknown>;
}

describe("Teams: requesting a session from a mentor's profile while their offer is pending", () => {
  it("accepts the offer and sends the request with the mentee's words", async () => {
    expect(
      await priya.submitsDialog({
        verb: 'offer.new',
        menteeId: alan.id,
        menteeName: alan.name,
        message: 'I can help with compilers.',
      }),
    ).toBeUndefined();
    const offer = await alan.cardSaying('wants to mentor you!');

    // Alan opens Priya's profile from the offer, then *Request a Session* on it.
    const show = dataOf(offer.card, 'show.mentor');
    expect((await tenant.h.post(cardSubmit(alan.user, show))).status).toBe(200);
    const profile = await alan.cardSaying('"verb":"request.new"');
    const ask = dataOf(profile.card, 'request.new');
    expect(ask.mentorId).toBe(priya.id);
    await alan.opensDialog(ask);
    expect(
      await alan.submitsDialog({
        verb: 'request.new',
        mentorId: priya.id,
        message: 'Could we go through my parser, line by line?',
      }),
    ).toBeUndefined();
    await alan.cardSaying('you accepted, and your request was sent to them.');

    // Priya: one card, the offer accepted and the request with Alan's words and Schedule.
    const request = await priya.cardSaying('accepted your offer and asks for a session');
    expect(request.text).toContain('Could we go through my parser, line by line?');
    expect(request.text).toContain('"verb":"request.decline"');
    const schedule = dataOf(request.card, 'session.create');
    expect(priya.chat().filter((c) => c.text.includes('accepted your offer'))).toHaveLength(1);

    // *Schedule session* opens the create dialog with Alan invited.
    const create = await priya.opensDialog(schedule);
    expect(JSON.stringify(create)).toContain(alan.id);
  }, 90_000);
});
