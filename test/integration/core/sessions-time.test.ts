import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { cloneSession } from '../../../src/core/sessions/clone.js';
import { createAndPublishSession } from '../../../src/core/sessions/create.js';
import { getSessionDetails } from '../../../src/core/sessions/details.js';
import { sessionForm } from '../../../src/core/sessions/form.js';
import { formatTime } from '../../../src/core/time.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { buildSessionInput } from './sessions.fixtures.js';

/**
 * docs/product.md#time: wall-clock input is read in the author's zone, stored as the instant,
 * and shown to each reader in theirs, across the 2027 daylight-saving changes.
 */

let h: CoreHarness;
let workspace: Workspace;
let newYork: Person;
let berlin: Person;
let kolkata: Person;
let menteeInKolkata: Person;
beforeAll(async () => {
  h = await useCore();
  workspace = await createWorkspace(h);
  const mentor = (timeZone: string) =>
    createPerson(h, workspace, { roles: ['mentor'], timeZone, name: `Mentor in ${timeZone}` });
  newYork = await mentor('America/New_York');
  berlin = await mentor('Europe/Berlin');
  kolkata = await mentor('Asia/Kolkata');
  menteeInKolkata = await createPerson(h, workspace, { timeZone: 'Asia/Kolkata' });
});
afterAll(() => h.close());

const local = (date: string, time: string) => ({ date, time });

async function createLocal(author: Person, start: [string, string], end: [string, string]) {
  return createAndPublishSession(h.deps, {
    actor: actorOf(author),
    input: buildSessionInput({
      start: local(...start),
      end: local(...end),
      menteeIds: [menteeInKolkata.id],
    }),
  });
}

async function storedTimes(id: string) {
  const session = await h.deps.sessions.get(id);
  return { start: session?.startsAt.toISOString(), end: session?.endsAt.toISOString() };
}

const cardFor = async (reader: Person, sessionId: string) =>
  succeeded(await getSessionDetails(h.deps, { actor: actorOf(reader), input: { sessionId } }));

describe('America/New_York across 2027-03-14 (spring forward) and 2027-11-07 (fall back)', () => {
  it('10:00 before and after each change is 10:00 local, at different UTC instants', async () => {
    const cases: Array<[string, string]> = [
      ['2027-03-13', '2027-03-13T15:00:00.000Z'],
      ['2027-03-15', '2027-03-15T14:00:00.000Z'],
      ['2027-11-06', '2027-11-06T14:00:00.000Z'],
      ['2027-11-08', '2027-11-08T15:00:00.000Z'],
    ];
    for (const [date, utc] of cases) {
      const { session } = succeeded(await createLocal(newYork, [date, '10:00'], [date, '11:00']));
      expect((await storedTimes(session.id)).start).toBe(utc);
      const mine = await cardFor(newYork, session.id);
      expect(mine.session.start).toEqual({ utc, timeZone: 'America/New_York' });
      expect(formatTime(mine.session.start)).toMatch(/, 10:00 \(America\/New_York\)$/);
      const form = succeeded(
        await sessionForm(h.deps, {
          actor: actorOf(newYork),
          input: { mode: 'edit', sessionId: session.id },
        }),
      );
      expect(form.values.start).toEqual({ date, time: '10:00' });
    }
  });

  it('a session spanning the spring-forward night lasts the real time between its ends', async () => {
    const { session } = succeeded(
      await createLocal(newYork, ['2027-03-14', '01:00'], ['2027-03-14', '03:30']),
    );
    expect(await storedTimes(session.id)).toEqual({
      start: '2027-03-14T06:00:00.000Z',
      end: '2027-03-14T07:30:00.000Z',
    });
  });

  it('a time the clocks skip is refused on its field; a repeated hour takes the first', async () => {
    const error = errorOf(
      await createLocal(newYork, ['2027-03-14', '02:30'], ['2027-03-14', '04:00']),
      ErrorCode.Validation,
    );
    expect(error.fields.start).toMatch(/does not exist in America\/New_York/);
    const { session } = succeeded(
      await createLocal(newYork, ['2027-11-07', '01:30'], ['2027-11-07', '02:30']),
    );
    // 01:30 happens twice; the first (EDT, UTC-4) is used. 02:30 is EST (UTC-5): 2 real hours.
    expect(await storedTimes(session.id)).toEqual({
      start: '2027-11-07T05:30:00.000Z',
      end: '2027-11-07T07:30:00.000Z',
    });
  });

  it('cloning to next week keeps the wall-clock time across the change', async () => {
    const source = succeeded(
      await createLocal(newYork, ['2027-03-13', '10:00'], ['2027-03-13', '11:00']),
    );
    const clone = succeeded(
      await cloneSession(h.deps, {
        actor: actorOf(newYork),
        input: {
          sessionId: source.session.id,
          start: local('2027-03-20', '10:00'),
          end: local('2027-03-20', '11:00'),
        },
      }),
    );
    expect(clone.session.start.utc).toBe('2027-03-20T14:00:00.000Z');
    expect((await storedTimes(source.session.id)).start).toBe('2027-03-13T15:00:00.000Z');
  });
});

describe('Europe/Berlin across 2027-03-28 and 2027-10-31', () => {
  it('keeps 10:00 local on both sides of each change', async () => {
    const cases: Array<[string, string]> = [
      ['2027-03-27', '2027-03-27T09:00:00.000Z'],
      ['2027-03-29', '2027-03-29T08:00:00.000Z'],
      ['2027-10-30', '2027-10-30T08:00:00.000Z'],
      ['2027-11-01', '2027-11-01T09:00:00.000Z'],
    ];
    for (const [date, utc] of cases) {
      const { session } = succeeded(await createLocal(berlin, [date, '10:00'], [date, '11:00']));
      expect((await storedTimes(session.id)).start).toBe(utc);
      expect(formatTime((await cardFor(berlin, session.id)).session.start)).toMatch(
        /, 10:00 \(Europe\/Berlin\)$/,
      );
    }
    errorOf(
      await createLocal(berlin, ['2027-03-28', '02:30'], ['2027-03-28', '04:00']),
      ErrorCode.Validation,
    );
  });

  it('shows a New York session to a Berlin reader in Berlin time, in the weeks the changes differ', async () => {
    // 15 March: New York is already on EDT, Berlin still on CET: 5 hours apart, not the usual 6.
    const { session } = succeeded(
      await createLocal(newYork, ['2027-03-15', '10:00'], ['2027-03-15', '11:00']),
    );
    const seen = await cardFor(berlin, session.id);
    expect(seen.session.start).toEqual({
      utc: '2027-03-15T14:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    expect(formatTime(seen.session.start)).toBe('Mon 15 Mar 2027, 15:00 (Europe/Berlin)');
  });
});

describe('Asia/Kolkata (UTC+05:30, no daylight saving)', () => {
  it('reads and shows half-hour offsets, for authors and for notified readers', async () => {
    h.notifier.clear();
    const { session } = succeeded(
      await createLocal(kolkata, ['2027-03-28', '10:00'], ['2027-03-28', '11:00']),
    );
    expect((await storedTimes(session.id)).start).toBe('2027-03-28T04:30:00.000Z');
    const invitation = h.notifier.ofKind('sessionInvited').find((n) => n.session.id === session.id);
    expect(invitation?.recipient).toBe(menteeInKolkata.id);
    expect(invitation?.session.start).toEqual({
      utc: '2027-03-28T04:30:00.000Z',
      timeZone: 'Asia/Kolkata',
    });
    expect(formatTime((await cardFor(berlin, session.id)).session.start)).toBe(
      'Sun 28 Mar 2027, 06:30 (Europe/Berlin)',
    );
    const fromNewYork = succeeded(
      await createLocal(newYork, ['2027-11-08', '09:00'], ['2027-11-08', '10:00']),
    );
    expect(formatTime((await cardFor(menteeInKolkata, fromNewYork.session.id)).session.start)).toBe(
      'Mon 8 Nov 2027, 19:30 (Asia/Kolkata)',
    );
  });
});
