import { formatInTimeZone } from 'date-fns-tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../../../src/core/booking/book-slot.js';
import { freeSlots } from '../../../src/core/booking/free-slots.js';
import type { SlotView } from '../../../src/core/booking/slots.js';
import { ErrorCode } from '../../../src/core/errors.js';
import { getMentorProfile } from '../../../src/core/people/mentor-profile.js';
import type { Person, WeeklySlot } from '../../../src/core/people/person.js';
import { formatTime } from '../../../src/core/time.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded, TUESDAY_AFTERNOON } from './mentorship.fixtures.js';

/**
 * docs/product.md#time: a mentor's availability is wall-clock time in their own zone. Across a
 * daylight-saving change the slots keep their local times, so their UTC instants move by the
 * zone's change.
 */

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

/** Hour-long slots, so each Tuesday 14:00-16:00 gives 14:00 and 15:00. */
async function mentorIn(timeZone: string, availability: WeeklySlot[] = TUESDAY_AFTERNOON) {
  const workspace = await createWorkspace(h);
  const mentor = await createPerson(h, workspace, {
    name: 'Ada',
    roles: ['mentor'],
    timeZone,
    mentorProfile: { availability, slotMinutes: 60 },
  });
  return { workspace, mentor };
}

async function slotsFrom(now: string, timeZone: string, availability?: WeeklySlot[]) {
  h.clock.set(now);
  const { workspace, mentor } = await mentorIn(timeZone, availability);
  const slots = await freeSlots(h.deps, { mentor, workspace, now: h.clock.now() });
  return {
    utc: slots.map((s) => s.startsAt.toISOString()),
    local: slots.map((s) => formatInTimeZone(s.startsAt, timeZone, 'yyyy-MM-dd HH:mm')),
    workspace,
    mentor,
  };
}

/** Every page of a mentor's free times as `viewer` turns them, *Next week* to the end. */
async function pagesSeenBy(viewer: Person, mentorId: string) {
  const pages: SlotView[][] = [];
  for (let page = 0; ; page++) {
    const view = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(viewer), input: { mentorId, page } }),
    );
    pages.push(view.freeTimes.days.flatMap((d) => [...d.slots]));
    if (!view.freeTimes.next) return pages;
  }
}

describe('availability across daylight-saving changes (docs/product.md#time)', () => {
  it('America/New_York, spring forward on Sun 2027-03-14', async () => {
    const { utc, local } = await slotsFrom('2027-03-08T12:00:00Z', 'America/New_York');
    expect(local).toEqual([
      '2027-03-09 14:00',
      '2027-03-09 15:00',
      '2027-03-16 14:00',
      '2027-03-16 15:00',
    ]);
    // EST (UTC-5) before, EDT (UTC-4) after: the same wall time is an hour earlier in UTC.
    expect(utc).toEqual([
      '2027-03-09T19:00:00.000Z',
      '2027-03-09T20:00:00.000Z',
      '2027-03-16T18:00:00.000Z',
      '2027-03-16T19:00:00.000Z',
    ]);
  });

  it('America/New_York, fall back on Sun 2027-11-07', async () => {
    const { utc, local } = await slotsFrom('2027-11-01T12:00:00Z', 'America/New_York');
    expect(local).toEqual([
      '2027-11-02 14:00',
      '2027-11-02 15:00',
      '2027-11-09 14:00',
      '2027-11-09 15:00',
    ]);
    expect(utc).toEqual([
      '2027-11-02T18:00:00.000Z',
      '2027-11-02T19:00:00.000Z',
      '2027-11-09T19:00:00.000Z',
      '2027-11-09T20:00:00.000Z',
    ]);
  });

  it('Europe/Berlin, spring forward on Sun 2027-03-28', async () => {
    const { utc, local } = await slotsFrom('2027-03-22T12:00:00Z', 'Europe/Berlin');
    expect(local).toEqual([
      '2027-03-23 14:00',
      '2027-03-23 15:00',
      '2027-03-30 14:00',
      '2027-03-30 15:00',
    ]);
    expect(utc).toEqual([
      '2027-03-23T13:00:00.000Z',
      '2027-03-23T14:00:00.000Z',
      '2027-03-30T12:00:00.000Z',
      '2027-03-30T13:00:00.000Z',
    ]);
  });

  it('Europe/Berlin, fall back on Sun 2027-10-31', async () => {
    const { utc, local } = await slotsFrom('2027-10-25T12:00:00Z', 'Europe/Berlin');
    expect(local).toEqual([
      '2027-10-26 14:00',
      '2027-10-26 15:00',
      '2027-11-02 14:00',
      '2027-11-02 15:00',
    ]);
    expect(utc).toEqual([
      '2027-10-26T12:00:00.000Z',
      '2027-10-26T13:00:00.000Z',
      '2027-11-02T13:00:00.000Z',
      '2027-11-02T14:00:00.000Z',
    ]);
  });

  it('Asia/Kolkata (UTC+05:30, no daylight saving) keeps the same UTC instants all year', async () => {
    for (const now of ['2027-03-08T12:00:00Z', '2027-10-25T12:00:00Z']) {
      const { utc, local } = await slotsFrom(now, 'Asia/Kolkata');
      expect(local.map((l) => l.slice(11))).toEqual(['14:00', '15:00', '14:00', '15:00']);
      expect(utc.map((u) => u.slice(11))).toEqual([
        '08:30:00.000Z',
        '09:30:00.000Z',
        '08:30:00.000Z',
        '09:30:00.000Z',
      ]);
    }
  });

  it('has no 02:00 or 02:30 slot on the New York spring-forward day, and cannot book one', async () => {
    const sunday: WeeklySlot[] = [{ weekday: 7, start: '01:00', end: '04:00' }];
    h.clock.set('2027-03-13T12:00:00Z');
    const workspace = await createWorkspace(h, { config: { minSessionMinutes: 30 } });
    const mentor = await createPerson(h, workspace, {
      roles: ['mentor'],
      timeZone: 'America/New_York',
      mentorProfile: { availability: sunday },
    });
    const slots = await freeSlots(h.deps, { mentor, workspace, now: h.clock.now(), days: 2 });
    expect(slots.map((s) => formatInTimeZone(s.startsAt, 'America/New_York', 'HH:mm'))).toEqual([
      '01:00',
      '01:30',
      '03:00',
      '03:30',
    ]);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-03-14T06:00:00.000Z',
      '2027-03-14T06:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-14T07:30:00.000Z',
    ]);
    // Slots are 30 minutes of real time: none overlaps the next across the gap.
    expect(slots.every((s, i) => !slots[i + 1] || s.endsAt <= slots[i + 1]!.startsAt)).toBe(true);

    // An instant that is no slot's start (07:15Z, 03:15 EDT) cannot be booked.
    const mentee = await createPerson(h, workspace);
    const error = errorOf(
      await bookSlot(h.deps, {
        actor: actorOf(mentee),
        input: { mentorId: mentor.id, startsAt: '2027-03-14T07:15:00Z' },
      }),
      ErrorCode.SlotTaken,
    );
    expect(error.message).toMatch(/not one of .* free slots any more/);
  });

  it('uses the earlier 01:00 and 01:30 on the New York fall-back day, once each', async () => {
    const sunday: WeeklySlot[] = [{ weekday: 7, start: '01:00', end: '02:00' }];
    h.clock.set('2027-11-06T12:00:00Z');
    const workspace = await createWorkspace(h, { config: { minSessionMinutes: 30 } });
    const mentor = await createPerson(h, workspace, {
      roles: ['mentor'],
      timeZone: 'America/New_York',
      mentorProfile: { availability: sunday },
    });
    const slots = await freeSlots(h.deps, { mentor, workspace, now: h.clock.now(), days: 2 });
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-11-07T05:00:00.000Z',
      '2027-11-07T05:30:00.000Z',
    ]);
  });

  it("shows the slots in the viewer's own zone, named, a week a page, on the mentor profile", async () => {
    h.clock.set('2027-03-08T12:00:00Z');
    const { workspace, mentor } = await mentorIn('America/New_York');
    const berliner = await createPerson(h, workspace, { timeZone: 'Europe/Berlin' });
    const view = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(berliner), input: { mentorId: mentor.id } }),
    );
    expect(view.mentorTimeZone).toBe('America/New_York');
    expect(view.freeTimes).toMatchObject({ unit: 'week', pages: 2, count: 2, total: 4 });
    // New York moved to summer time on the 14th, Berlin only on the 28th: the gap between
    // them shrinks from 6 to 5 hours, so the Berlin viewer sees 20:00 one week, 19:00 the next.
    const berlin = await pagesSeenBy(berliner, mentor.id);
    expect(berlin.map((page) => page.map((s) => formatTime(s.start)))).toEqual([
      ['Tue 9 Mar 2027, 20:00 (Europe/Berlin)', 'Tue 9 Mar 2027, 21:00 (Europe/Berlin)'],
      ['Tue 16 Mar 2027, 19:00 (Europe/Berlin)', 'Tue 16 Mar 2027, 20:00 (Europe/Berlin)'],
    ]);
    // In Kolkata New York's Tuesday afternoon is late Tuesday evening and early Wednesday:
    // each slot stands under the viewer's own day.
    const kolkata = await createPerson(h, workspace, { timeZone: 'Asia/Kolkata' });
    const second = succeeded(
      await getMentorProfile(h.deps, {
        actor: actorOf(kolkata),
        input: { mentorId: mentor.id, page: 1 },
      }),
    );
    expect(
      second.freeTimes.days.map((d) => [d.heading, d.slots.map((s) => formatTime(s.start))]),
    ).toEqual([
      ['Tuesday 16 March', ['Tue 16 Mar 2027, 23:30 (Asia/Kolkata)']],
      ['Wednesday 17 March', ['Wed 17 Mar 2027, 00:30 (Asia/Kolkata)']],
    ]);
    const first = (await pagesSeenBy(kolkata, mentor.id))[0] ?? [];
    expect(formatTime(first[0]!.start)).toBe('Wed 10 Mar 2027, 00:30 (Asia/Kolkata)');
  });

  it('books a slot after the change at its local wall-clock time', async () => {
    const { workspace, mentor } = await slotsFrom('2027-03-08T12:00:00Z', 'America/New_York');
    const mentee = await createPerson(h, workspace, { timeZone: 'Europe/Berlin' });
    const { session } = succeeded(
      await bookSlot(h.deps, {
        actor: actorOf(mentee),
        input: { mentorId: mentor.id, startsAt: '2027-03-16T18:00:00.000Z' },
      }),
    );
    expect(session.start).toEqual({ utc: '2027-03-16T18:00:00.000Z', timeZone: 'Europe/Berlin' });
    expect(formatInTimeZone(new Date(session.start.utc), 'America/New_York', 'HH:mm')).toBe(
      '14:00',
    );
    // The pre-change instant of 14:00 (19:00Z) is 15:00 after the change: a different slot.
    succeeded(
      await bookSlot(h.deps, {
        actor: actorOf(mentee),
        input: { mentorId: mentor.id, startsAt: '2027-03-16T19:00:00.000Z' },
      }),
    );
  });
});
