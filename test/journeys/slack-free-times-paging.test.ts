import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { type AnyView, selectValue, TEAM, textValue } from '../fixtures/slack/payloads.js';
import { eventually, type SlackPerson, SlackWorkspace, textOf } from './support/slack.js';

/**
 * Issue 10 point 2 on Slack: a mentee sees every free time of a mentor, a week at a time.
 * Priya (mentor, Kolkata) sets her availability, Monday, Wednesday and Friday 09:00-12:00, and
 * picks 45-minute sessions in her profile form (the workspace's minimum length is 30). Grace
 * (mentee, London) opens her profile on Monday 4 January: this week's free times under a
 * heading per day, in London time, with the true counts; *Next week ›* turns the modal to the
 * next week and *‹ Previous week* back; she books a time of the second week, a 45-minute
 * session, and it is gone from the page when she looks again.
 */
const USERS = {
  UPRIYA: { name: 'Priya', tz: 'Asia/Kolkata' },
  UGRACE: { name: 'Grace', tz: 'Europe/London' },
};
const MONDAY = new Date('2027-01-04T00:00:00Z');
const MEET = 'https://meet.google.com/abc-defg-hij';

let world: SlackWorkspace;
let priya: SlackPerson;
let grace: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS, MONDAY);
  await world.service.seed('UPRIYA', { name: 'Priya', tz: USERS.UPRIYA.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  priya = world.person('UPRIYA');
  grace = world.person('UGRACE');
});
afterAll(() => world?.stop());

/** The *Book* buttons of a modal, by the day heading above them. */
function bookButtonsByDay(view: AnyView): Record<string, string[]> {
  const days: Record<string, string[]> = {};
  let day = '';
  for (const block of view.blocks as AnyView[]) {
    const heading =
      block.type === 'section' ? /^\*(\w+day \d+ \w+)\*/.exec(block.text?.text) : null;
    if (heading?.[1]) day = heading[1];
    if (block.type !== 'actions') continue;
    for (const e of block.elements as AnyView[]) {
      if (String(e.action_id).startsWith('mentor.book'))
        days[day] = [...(days[day] ?? []), e.text.text];
    }
  }
  return days;
}

const buttonTitled = (view: AnyView, title: string): AnyView => {
  const found = (view.blocks as AnyView[])
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .find((e: AnyView) => e.text?.text === title);
  expect(found, `no "${title}" button`).toBeDefined();
  return found as AnyView;
};

describe('Slack: a mentee reaches every free time of a mentor, a week at a time', () => {
  it('Priya sets her availability and a 45-minute slot length in her profile form', async () => {
    const before = world.calls.length;
    await priya.pressesOnHome('profile.mentor', '');
    const form = await priya.openModal('profile.mentor', before);
    expect(textOf(form.view)).toContain('Length of a booked session');
    // 30 minutes unless she picks another.
    const length = (form.view.blocks as AnyView[]).find((b) => b.block_id === 'slotMinutes');
    expect(length?.element.initial_option.value).toBe('30');
    expect(length?.element.options.map((o: AnyView) => o.text.text)).toEqual([
      '15 minutes',
      '30 minutes',
      '45 minutes',
      '1 hour',
      '1 hour and 30 minutes',
    ]);
    const answer = await priya.submits(form.view, {
      headline: textValue('Distributed systems'),
      bio: textValue(''),
      expertise: textValue('databases'),
      availability: textValue('Mon 09:00-12:00\nWed 09:00-12:00\nFri 09:00-12:00'),
      slotMinutes: selectValue('45'),
      meetingPlatform: selectValue('gmeet'),
      meetingUrl: textValue(MEET),
    });
    expect(answer.response_action).toBe('clear');
    const home = await priya.opensHome();
    expect(textOf(home)).toContain('booked sessions last 45 minutes');
  }, 60_000);

  it('Grace pages through the weeks and books a time in the second one', async () => {
    let before = world.calls.length;
    await grace.pressesOnHome('mentor.profile', personIdOf('slack', TEAM.id, 'UPRIYA'));
    const first = await grace.openModal('mentor.profile', before);
    const text = textOf(first.view);
    // Priya's 09:00 in Kolkata is 03:30 in London; 45-minute times, not the 30-minute minimum.
    expect(text).toContain('45 minutes each, in your zone (Europe/London)');
    expect(text).toContain('12 free times, Mon 4 Jan to Sun 10 Jan · 24 in the next 14 days');
    expect(bookButtonsByDay(first.view)).toEqual({
      'Monday 4 January': ['03:30', '04:15', '05:00', '05:45'],
      'Wednesday 6 January': ['03:30', '04:15', '05:00', '05:45'],
      'Friday 8 January': ['03:30', '04:15', '05:00', '05:45'],
    });
    expect(text).not.toMatch(/more free times/);
    expect(text).not.toContain('Previous week');

    before = world.calls.length;
    await grace.pressesInModal(first, buttonTitled(first.view, 'Next week ›'));
    const second = await grace.openModal('mentor.profile', before);
    expect(second.id).toBe(first.id); // the same modal, turned in place
    expect(textOf(second.view)).toContain(
      '12 free times, Mon 11 Jan to Sun 17 Jan · 24 in the next 14 days',
    );
    expect(Object.keys(bookButtonsByDay(second.view))).toEqual([
      'Monday 11 January',
      'Wednesday 13 January',
      'Friday 15 January',
    ]);
    // The window ends with this week: nothing further, and the way back.
    expect(textOf(second.view)).not.toContain('Next week');

    before = world.calls.length;
    await grace.pressesInModal(second, buttonTitled(second.view, '‹ Previous week'));
    const back = await grace.openModal('mentor.profile', before);
    expect(textOf(back.view)).toContain('Mon 4 Jan to Sun 10 Jan');

    // Grace books Wednesday 13 January, 04:15 London (09:45 in Kolkata) from the second week.
    before = world.calls.length;
    await grace.pressesInModal(back, buttonTitled(back.view, 'Next week ›'));
    const again = await grace.openModal('mentor.profile', before);
    const wednesday = (again.view.blocks as AnyView[]).findIndex((b) =>
      String(b.text?.text).startsWith('*Wednesday 13 January*'),
    );
    const slot = (again.view.blocks[wednesday + 1].elements as AnyView[])[1] as AnyView;
    expect(slot.text.text).toBe('04:15');
    await grace.pressesInModal(again, slot);
    await priya.dmSaying('booked a session from your availability');
    const booked = await eventually(async () => {
      const all = await world.service.core.sessions.find({
        workspaceId: `slack:${TEAM.id}`,
        limit: 10,
      });
      expect(all).toHaveLength(1);
      return all[0];
    });
    expect(booked?.startsAt.toISOString()).toBe('2027-01-13T04:15:00.000Z');
    expect(((booked?.endsAt.getTime() ?? 0) - (booked?.startsAt.getTime() ?? 0)) / 60_000).toBe(45);

    // Looking again: the booked time is gone from its day, and the counts say so.
    before = world.calls.length;
    await grace.pressesOnHome('mentor.profile', personIdOf('slack', TEAM.id, 'UPRIYA'));
    const fresh = await grace.openModal('mentor.profile', before);
    expect(textOf(fresh.view)).toContain(
      '12 free times, Mon 4 Jan to Sun 10 Jan · 23 in the next 14 days',
    );
    before = world.calls.length;
    await grace.pressesInModal(fresh, buttonTitled(fresh.view, 'Next week ›'));
    const later = await grace.openModal('mentor.profile', before);
    expect(bookButtonsByDay(later.view)['Wednesday 13 January']).toEqual([
      '03:30',
      '05:00',
      '05:45',
    ]);
  }, 90_000);
});
