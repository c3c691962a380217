import { describe, expect, it } from 'vitest';
import { mentorProfileModal } from '../../src/adapters/slack/features/profiles/modals.js';
import { LIMITS } from '../../src/adapters/slack/kit.js';
import { mentorProfileCard } from '../../src/adapters/teams/features/profiles/cards.js';
import { attachment } from '../../src/adapters/teams/kit.js';
import { freeTimesPage, WEEK_PAGE_MAX_SLOTS } from '../../src/core/booking/free-times.js';
import { availabilitySlots } from '../../src/core/booking/slots.js';
import type { MentorProfileView } from '../../src/core/people/profile.views.js';
import { clockOf } from '../../src/core/time.js';
import { sessionView } from '../fixtures/teams/views.js';

/**
 * docs/product.md#booking: a mentor's free times a page at a time. Pages are weeks of the
 * viewer's days from today (a day each when a week is too full for one page), every free time
 * of the window is on exactly one page, and the fullest page stays inside Slack's 100 blocks
 * and Teams' 28 KB with the fullest profile around it.
 */
const NOW = new Date('2027-03-08T12:00:00Z'); // Monday
const until = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
/** The last instant of the window seen from London or UTC: the end of Sunday 21 March. */
const WINDOW_END = new Date('2027-03-21T23:59:59Z');
const everyDay = (start: string, end: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

const pagesOf = (free: ReturnType<typeof availabilitySlots>, zone = 'Europe/London') => {
  const pages = [];
  for (let page = 0; ; page++) {
    const view = freeTimesPage({
      free,
      now: NOW,
      viewerZone: zone,
      slotMinutes: 30,
      request: { page },
    });
    pages.push(view);
    if (!view.next) return pages;
  }
};

describe('free times, a page at a time', () => {
  it('pages a fortnight by week, a heading per day, with true counts and both buttons', () => {
    const free = availabilitySlots(
      everyDay('09:00', '11:00'),
      'Europe/London',
      30,
      NOW,
      WINDOW_END,
    );
    const [first, second] = pagesOf(free);
    expect(first).toMatchObject({
      unit: 'week',
      page: 0,
      pages: 2,
      range: 'Mon 8 Mar to Sun 14 Mar',
      count: 24, // Monday's slots are past at noon: six days of four
      total: free.length,
      summary: `24 free times, Mon 8 Mar to Sun 14 Mar · ${free.length} in the next 14 days`,
      next: { label: 'Next week ›', offset: 1, unit: 'week' },
    });
    expect(first?.previous).toBeUndefined();
    expect(first?.days.map((d) => d.heading)).toEqual([
      'Tuesday 9 March',
      'Wednesday 10 March',
      'Thursday 11 March',
      'Friday 12 March',
      'Saturday 13 March',
      'Sunday 14 March',
    ]);
    expect(first?.days[0]?.slots.map((s) => clockOf(s.start))).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
    ]);
    expect(second).toMatchObject({
      page: 1,
      range: 'Mon 15 Mar to Sun 21 Mar',
      previous: { label: '‹ Previous week', offset: 0, unit: 'week' },
    });
    expect(second?.next).toBeUndefined();
    // Every free time is on exactly one page.
    const shown = [first, second].flatMap((p) => p?.days.flatMap((d) => d.slots) ?? []);
    expect(shown.map((s) => s.startsAt)).toEqual(free.map((s) => s.startsAt.toISOString()));
  });

  it('pages by day when a week holds more than a page can, and keeps the place across units', () => {
    const free = availabilitySlots(everyDay('00:00', '23:45'), 'UTC', 15, NOW, WINDOW_END);
    const pages = pagesOf(free, 'UTC');
    expect(pages).toHaveLength(14);
    expect(pages[0]).toMatchObject({ unit: 'day', range: 'Monday 8 March' });
    expect(pages[0]?.next?.label).toBe('Next day ›');
    expect(pages[1]?.previous?.label).toBe('‹ Previous day');
    expect(pages.reduce((n, p) => n + p.count, 0)).toBe(free.length);
    // Week 1 drawn before the week filled up is day 7 now, and day 9 is in week 1.
    const dayOfWeek = freeTimesPage({
      free,
      now: NOW,
      viewerZone: 'UTC',
      slotMinutes: 15,
      request: { page: 1, unit: 'week' },
    });
    expect(dayOfWeek.range).toBe('Monday 15 March');
    const few = free.slice(0, WEEK_PAGE_MAX_SLOTS);
    const weekOfDay = freeTimesPage({
      free: few,
      now: NOW,
      viewerZone: 'UTC',
      slotMinutes: 15,
      request: { page: 9, unit: 'day' },
    });
    expect(weekOfDay).toMatchObject({ unit: 'week', page: 1 });
  });

  it('shows the last page for a page past the end, and says when a week has nothing free', () => {
    const free = availabilitySlots(
      [{ weekday: 2, start: '10:00', end: '11:00' }],
      'Europe/London',
      30,
      NOW,
      until(7),
    );
    const past = freeTimesPage({
      free,
      now: NOW,
      viewerZone: 'Europe/London',
      slotMinutes: 30,
      request: { page: 40 },
    });
    expect(past).toMatchObject({ page: 1, count: 0, total: 2, days: [] });
    expect(past.next).toBeUndefined();
  });
});

describe('the fullest free-times page stays inside both platforms limits', () => {
  const long = (n: number) => 'x'.repeat(n);
  const profile = (free: ReturnType<typeof availabilitySlots>, page: number) =>
    ({
      mentor: { id: 'teams:t:grace', name: long(120) },
      mentorTimeZone: 'America/Argentina/Buenos_Aires',
      headline: long(120),
      bio: long(2000),
      expertise: { shown: [long(40), long(40), long(40), long(40), long(40)], more: 15 },
      meetingPlatform: 'zoom',
      // As many as a profile shows (the 5 soonest), each of 2,000 characters.
      upcomingSessions: Array.from({ length: 5 }, (_, n) =>
        sessionView({ id: `s${n}`, title: long(120), description: long(2000) }),
      ),
      freeTimes: freeTimesPage({
        free,
        now: NOW,
        viewerZone: 'America/Argentina/Buenos_Aires',
        slotMinutes: 15,
        request: { page },
      }),
      pendingRequest: undefined,
      isOwnProfile: false,
      actions: ['requestSession', 'bookSlot'],
    }) satisfies MentorProfileView;

  // A full week just under the day-paging line, and 15-minute slots all day (paged by day).
  const fullWeek = availabilitySlots(
    everyDay('06:00', '10:15'),
    'America/Argentina/Buenos_Aires',
    15,
    NOW,
    until(14),
  );
  const allDay = availabilitySlots(
    everyDay('00:00', '23:59'),
    'America/Argentina/Buenos_Aires',
    15,
    NOW,
    until(14),
  );

  it.each([
    ['a full week', fullWeek, 1, 'week'],
    ['a whole day of 15-minute times', allDay, 1, 'day'],
  ])('%s: Slack at most 100 blocks, Teams under 28 KB', (_name, free, page, unit) => {
    const view = profile(free, page);
    expect(view.freeTimes.unit).toBe(unit);
    expect(view.freeTimes.count).toBeGreaterThan(90);
    // The modal helper cuts at 100 blocks: the page must fit without being cut.
    const modal = mentorProfileModal(view);
    expect(modal.blocks.length).toBeLessThan(LIMITS.viewBlocks);
    const books = modal.blocks
      .flatMap((b) => ('elements' in b && b.type === 'actions' ? b.elements : []))
      .filter((e) => 'action_id' in e && String(e.action_id).startsWith('mentor.book'));
    expect(books).toHaveLength(view.freeTimes.count);
    const bytes = Buffer.byteLength(
      JSON.stringify({ type: 'message', attachments: [attachment(mentorProfileCard(view))] }),
    );
    expect(bytes).toBeLessThan(28 * 1024);
  });
});
