import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSubmit } from '../fixtures/teams/activities.js';
import { type ChatCard, eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 2 on Teams: a mentee sees every free time of a mentor, a week at a time.
 * Priya (mentor, Kolkata) sets Monday, Wednesday and Friday 09:00-12:00 and 45-minute sessions
 * in her profile dialog. Grace (mentee, London) opens her profile on Monday 4 January: this
 * week's days, each with its times (London time) to pick from and *Book*, the true counts, and
 * *Next week ›*, which turns the card in place; she books a time of the second week.
 */
const MONDAY = new Date('2027-01-04T00:00:00Z');

let tenant: TeamsTenant;
let priya: TeamsPerson;
let grace: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-free-times', {}, MONDAY);
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  grace = await tenant.joins('Grace Hopper', 'Europe/London');
});
afterAll(() => tenant?.stop());

/** The inputs and buttons of a card, found wherever they are nested. */
function all(card: ChatCard, match: (o: Record<string, unknown>) => boolean) {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (match(o)) found.push(o);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card.card);
  return found;
}

/** Each day's choice of free times: its input id and the times' titles. */
const daysOf = (card: ChatCard) =>
  Object.fromEntries(
    all(card, (o) => o.type === 'Input.ChoiceSet').map((set) => [
      set.id,
      (set.choices as { title: string }[]).map((c) => c.title),
    ]),
  );

const pageButton = (card: ChatCard, title: string) => {
  const [button] = all(card, (o) => o.type === 'Action.Execute' && o.title === title);
  expect(button, `no "${title}" button`).toBeDefined();
  return button?.data as Record<string, unknown>;
};

describe('Teams: a mentee reaches every free time of a mentor, a week at a time', () => {
  it('Priya picks 45-minute sessions in her profile dialog', async () => {
    const form = await priya.opensDialog({ verb: 'profile.mentor' });
    const [length] = all({ card: form } as ChatCard, (o) => o.id === 'slotMinutes');
    // 30 minutes unless she picks another.
    expect(length?.value).toBe('30');
    expect(((length?.choices ?? []) as { title: string }[]).map((c) => c.title)).toEqual([
      '15 minutes',
      '30 minutes',
      '45 minutes',
      '1 hour',
      '1 hour and 30 minutes',
    ]);
    expect(
      await priya.submitsDialog({
        verb: 'profile.mentor',
        headline: 'Distributed systems',
        bio: '',
        expertise: 'databases',
        availability: 'Mon 09:00-12:00\nWed 09:00-12:00\nFri 09:00-12:00',
        slotMinutes: '45',
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
      }),
    ).toBeUndefined();
    const profile = await priya.cardSaying('Booked sessions last');
    expect(profile.text).toContain('"value":"45 minutes"');
  }, 60_000);

  it('Grace pages through the weeks, the card turning in place, and books', async () => {
    expect(
      (await tenant.h.post(cardSubmit(grace.user, { verb: 'show.mentor', mentorId: priya.id })))
        .status,
    ).toBe(200);
    const first = await grace.cardSaying('Book a free time');
    expect(first.text).toContain('45 minutes each, in your time zone (Europe/London)');
    expect(first.text).toContain('12 free times, Mon 4 Jan to Sun 10 Jan · 24 in the next 14 days');
    const times = ['03:30-04:15', '04:15-05:00', '05:00-05:45', '05:45-06:30'];
    expect(daysOf(first)).toEqual({
      'slot.2027-01-04': times,
      'slot.2027-01-06': times,
      'slot.2027-01-08': times,
    });
    expect(first.text).toContain('Monday 4 January · 4 free times');
    expect(first.text).not.toContain('Previous week');

    await grace.presses(first, 'page.freeTimes', pageButton(first, 'Next week ›'));
    const second = await grace.cardSaying('Mon 11 Jan to Sun 17 Jan');
    expect(second.method).toBe('PUT');
    expect(second.id).toBe(first.id);
    expect(Object.keys(daysOf(second))).toEqual([
      'slot.2027-01-11',
      'slot.2027-01-13',
      'slot.2027-01-15',
    ]);
    expect(second.text).not.toContain('Next week');

    await grace.presses(second, 'page.freeTimes', pageButton(second, '‹ Previous week'));
    const back = await eventually(() => {
      const latest = grace
        .chat()
        .filter((c) => c.id === first.id)
        .at(-1) as ChatCard;
      expect(latest.text).toContain('Mon 4 Jan to Sun 10 Jan');
      return latest;
    });
    expect(back.method).toBe('PUT');

    // On the second week, Wednesday's choice set to 04:15 London (09:45 in Kolkata), Book.
    const [wednesdayBook] = all(
      second,
      (o) =>
        o.type === 'Action.Execute' &&
        o.verb === 'mentor.book' &&
        (o.data as { day?: string }).day === '2027-01-13',
    );
    expect(wednesdayBook).toBeDefined();
    await grace.presses(second, 'mentor.book', {
      ...(wednesdayBook?.data as object),
      'slot.2027-01-11': '2027-01-11T03:30:00.000Z',
      'slot.2027-01-13': '2027-01-13T04:15:00.000Z',
      'slot.2027-01-15': '2027-01-15T03:30:00.000Z',
    });
    const booked = await grace.cardSaying('Booked. The mentor was told.');
    expect(booked.text).toContain('Wed 13 Jan 2027, 04:15-05:00 (Europe/London)');
    await priya.cardSaying('Grace Hopper booked a session with you.');

    // The booked time is gone from Wednesday, and the counts say so.
    expect(
      (await tenant.h.post(cardSubmit(grace.user, { verb: 'show.mentor', mentorId: priya.id })))
        .status,
    ).toBe(200);
    const fresh = await grace.cardSaying('23 in the next 14 days');
    await grace.presses(fresh, 'page.freeTimes', pageButton(fresh, 'Next week ›'));
    const later = await grace.cardSaying('11 free times, Mon 11 Jan to Sun 17 Jan');
    expect(daysOf(later)['slot.2027-01-13']).toEqual(['03:30-04:15', '05:00-05:45', '05:45-06:30']);
  }, 90_000);
});
