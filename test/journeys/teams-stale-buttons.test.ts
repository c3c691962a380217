import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSubmit, conversationIdOf, taskFetch } from '../fixtures/teams/activities.js';
import { type ChatCard, eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 11 on Teams: a button pressed after what it acts on changed is refused at
 * once, with one sentence saying why, and no form opens. Priya (mentor, Kolkata) declines
 * Alan's request and presses its old *Schedule session*; Carol's request expires before she
 * answers it; Priya's one-seat session fills before Carol (a mentee here) presses *Enroll*;
 * Alan and Carol both book the same free slot of Grace's.
 */
const TENANT = 'tenant-stale';
let tenant: TeamsTenant;
let grace: TeamsPerson;
let priya: TeamsPerson;
let alan: TeamsPerson;
let carol: TeamsPerson;
const DAILY =
  'Mon 10:00-11:00\nTue 10:00-11:00\nWed 10:00-11:00\nThu 10:00-11:00\nFri 10:00-11:00\nSat 10:00-11:00\nSun 10:00-11:00';
beforeAll(async () => {
  tenant = await TeamsTenant.start(TENANT);
  grace = await tenant.joins('Grace Hopper', 'America/New_York');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  carol = await tenant.joins('Carol Shaw', 'Europe/Berlin');
  for (const [mentor, availability] of [
    [grace, DAILY],
    [priya, ''],
  ] as const) {
    expect(
      await mentor.submitsDialog({
        verb: 'profile.mentor',
        headline: 'Compilers',
        bio: '',
        expertise: 'compilers',
        availability,
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
      }),
    ).toBeUndefined();
  }
});
afterAll(() => tenant?.stop());

/** Plain sentences the bot said in `person`'s chat since `since` connector calls. */
const saidTo = (person: TeamsPerson, since: number) =>
  tenant.h
    .callsTo(conversationIdOf(person.user))
    .filter((c) => tenant.h.calls.indexOf(c) >= since)
    .map((c) => String(c.body.text ?? ''))
    .join('\n');

/** The latest version of a card (updates carry its activity id). */
const latest = (person: TeamsPerson, card: ChatCard) =>
  person
    .chat()
    .filter((c) => c.id === card.id)
    .at(-1) as ChatCard;

/** What a dialog's fetch answered: its card, or the one sentence shown instead. */
async function fetchDialog(person: TeamsPerson, data: Record<string, unknown>) {
  const res = await tenant.h.post(taskFetch(person.user, data));
  expect(res.status).toBe(200);
  return res.body?.task as { type: string; value: unknown };
}

describe('Teams: stale buttons are refused with one sentence', () => {
  it('Schedule session on a declined or expired request opens no form', async () => {
    for (const [mentee, words] of [
      [alan, 'parsers?'],
      [carol, 'linkers?'],
    ] as const) {
      expect(
        await mentee.submitsDialog({ verb: 'request.new', mentorId: priya.id, message: words }),
      ).toBeUndefined();
    }
    const fromAlan = await priya.cardSaying('parsers?');
    const fromCarol = await priya.cardSaying('linkers?');
    const schedule = (card: ChatCard) => {
      const data = JSON.stringify(card.card);
      const requestId = /"verb":"session.create","requestId":"([^"]+)"/.exec(data)?.[1];
      expect(requestId).toBeDefined();
      return { verb: 'session.create', requestId };
    };

    await priya.presses(fromAlan, 'request.decline', {
      requestId: schedule(fromAlan).requestId,
    });
    await eventually(() => expect(latest(priya, fromAlan).text).toContain('You declined'));
    expect(await fetchDialog(priya, schedule(fromAlan))).toEqual({
      type: 'message',
      value: 'This request was declined, so there is nothing to schedule.',
    });

    // Thirty-one days later Carol's request has expired, even before the hourly job ran.
    tenant.clock.set(new Date(tenant.clock.now().getTime() + 31 * 24 * 3600_000));
    expect(await fetchDialog(priya, schedule(fromCarol))).toEqual({
      type: 'message',
      value: 'This request expired without an answer, so there is nothing to schedule.',
    });
    tenant.clock.set(new Date());
  }, 60_000);

  it('Enroll on a full session says so', async () => {
    const day = new Date(tenant.clock.now().getTime() + 2 * 24 * 3600_000)
      .toISOString()
      .slice(0, 10);
    expect(
      await priya.submitsDialog({
        verb: 'session.create',
        title: 'Office hours',
        startDate: day,
        startTime: '09:00',
        endDate: day,
        endTime: '10:00',
        seatLimit: '1',
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
        publish: 'yes',
      }),
    ).toBeUndefined();
    const all = await tenant.h.core.sessions.find({
      workspaceId: `teams:${TENANT}`,
      limit: 10,
    });
    const sessionId = all.find((s) => s.title === 'Office hours')?.id as string;
    const card = { id: 'profile-card', method: 'POST', card: {}, text: '"verb":"session.enrol"' };
    await alan.presses(card, 'session.enrol', { sessionId });
    await alan.cardSaying('You are enrolled.');
    const before = tenant.h.calls.length;
    await carol.presses(card, 'session.enrol', { sessionId });
    await eventually(() =>
      expect(saidTo(carol, before)).toContain(
        'Session seats full: this session has no free seats left.',
      ),
    );
  }, 60_000);

  it('a slot someone just booked shows the free slots left, with the sentence', async () => {
    for (const mentee of [alan, carol]) {
      expect(
        (await tenant.h.post(cardSubmit(mentee.user, { verb: 'show.mentor', mentorId: grace.id })))
          .status,
      ).toBe(200);
    }
    const alanProfile = await alan.cardSaying('Book a free time');
    const carolProfile = await carol.cardSaying('Book a free time');
    const first = /"id":"slot\.[^"]+"[^}]*?"value":"([^"]+)"/.exec(alanProfile.text)?.[1] as string;
    expect(first).toBeDefined();
    await alan.presses(alanProfile, 'mentor.book', { mentorId: grace.id, startsAt: first });
    await alan.cardSaying('Booked. The mentor was told.');

    await carol.presses(carolProfile, 'mentor.book', { mentorId: grace.id, startsAt: first });
    const shown = await eventually(() => {
      const now = latest(carol, carolProfile);
      expect(now.method).toBe('PUT');
      expect(now.text).toContain('That slot was just booked by someone else.');
      return now;
    });
    expect(shown.text).toContain('Book a free time');
    expect(shown.text).not.toContain(`"value":"${first}"`);
  }, 60_000);
});
