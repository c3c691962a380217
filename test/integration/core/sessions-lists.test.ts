import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import { deleteSession } from '../../../src/core/sessions/delete.js';
import { enrol } from '../../../src/core/sessions/enrol.js';
import { menteeCsv, menteeList, menteeListCsv } from '../../../src/core/sessions/mentee-list.js';
import { mySessions } from '../../../src/core/sessions/my-sessions.js';
import { actorOf, type CoreHarness, createPerson, TEST_NOW, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { castOf, draftBy, publishedBy, type SessionCast } from './sessions.fixtures.js';

let h: CoreHarness;
let cast: SessionCast;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 2);
});
afterAll(() => h.close());
beforeEach(() => h.clock.set(TEST_NOW));

const mentee = (i: number) => cast.mentees[i] as Person;
const at = (day: number, hour: number) =>
  `2027-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

describe('My mentoring sessions (docs/product.md#app-home)', () => {
  it('splits upcoming / live / completed by the time now, sorted, for mentor and mentee', async () => {
    const { workspace } = cast;
    const mentor = await createPerson(h, workspace, { roles: ['mentor'] });
    const learner = await createPerson(h, workspace);
    const make = async (title: string, day: number) =>
      (
        await publishedBy(h, mentor, {
          title,
          start: at(day, 10),
          end: at(day, 11),
          menteeIds: [learner.id],
        })
      ).session.id;
    const early = await make('early', 12);
    const late = await make('late', 20);
    const middle = await make('middle', 15);
    const draft = (
      await draftBy(h, mentor, {
        title: 'draft',
        start: at(14, 10),
        end: at(14, 11),
        menteeIds: [learner.id],
      })
    ).session.id;
    const gone = await make('cancelled', 16);
    succeeded(
      await deleteSession(h.deps, {
        actor: actorOf(mentor),
        input: { sessionId: gone, confirm: true },
      }),
    );

    // Jobs never ran: the status people see still follows the clock (effectiveStatus).
    h.clock.set('2027-01-15T10:30:00Z');
    const forMentor = succeeded(await mySessions(h.deps, { actor: actorOf(mentor), input: {} }));
    expect(forMentor.live.map((c) => c.id)).toEqual([middle]);
    expect(forMentor.live[0]?.status).toBe('live');
    expect(forMentor.upcoming.map((c) => c.id)).toEqual([draft, late]);
    expect(forMentor.completed.map((c) => c.id)).toEqual([early]);
    expect(forMentor.completed[0]?.status).toBe('completed');

    const forMentee = succeeded(await mySessions(h.deps, { actor: actorOf(learner), input: {} }));
    expect(forMentee.upcoming.map((c) => c.id)).toEqual([late]);
    expect(forMentee.live.map((c) => c.id)).toEqual([middle]);
    expect(forMentee.live[0]?.viewerRole).toBe('invited');
    expect(forMentee.completed.map((c) => c.id)).toEqual([early]);

    // Pages of one: live first, then upcoming, with the true counts on every page.
    const first = succeeded(
      await mySessions(h.deps, { actor: actorOf(mentor), input: { limit: 1 } }),
    );
    expect(first.live.map((c) => c.id)).toEqual([middle]);
    expect(first.upcoming).toEqual([]);
    expect(first.counts).toEqual({ live: 1, upcoming: 2, completed: 1 });
    expect(first.pages.current).toEqual({ offset: 0, size: 1, total: 3 });
    const second = succeeded(
      await mySessions(h.deps, { actor: actorOf(mentor), input: { limit: 1, offset: 1 } }),
    );
    expect(second.live).toEqual([]);
    expect(second.upcoming.map((c) => c.id)).toEqual([draft]);
    // Past the end: the last page.
    const beyond = succeeded(
      await mySessions(h.deps, { actor: actorOf(mentor), input: { limit: 1, offset: 9 } }),
    );
    expect(beyond.upcoming.map((c) => c.id)).toEqual([late]);
    expect(beyond.pages.current.offset).toBe(2);
    errorOf(
      await mySessions(h.deps, { actor: actorOf(mentor), input: { limit: 0 } }),
      ErrorCode.Validation,
    );
  });
});

describe('mentee list and CSV (docs/product.md#mentee-list)', () => {
  it('shows each mentee with their status, to the session managers only', async () => {
    const { session } = await publishedBy(h, cast.mentor, { menteeIds: [mentee(0).id] });
    succeeded(await enrol(h.deps, { actor: actorOf(mentee(1)), input: { sessionId: session.id } }));
    const list = succeeded(
      await menteeList(h.deps, { actor: actorOf(cast.mentor), input: { sessionId: session.id } }),
    );
    expect(list.mentees).toEqual([
      { id: mentee(1).id, name: 'Mentee 01', email: 'mentee1@example.com', status: 'enrolled' },
      { id: mentee(0).id, name: 'Mentee 00', email: 'mentee0@example.com', status: 'invited' },
    ]);
    expect(list.session.menteeCount).toBe(2);
    errorOf(
      await menteeList(h.deps, { actor: actorOf(mentee(1)), input: { sessionId: session.id } }),
      ErrorCode.Forbidden,
    );
    errorOf(
      await menteeListCsv(h.deps, {
        actor: actorOf(cast.otherMentor),
        input: { sessionId: session.id },
      }),
      ErrorCode.Forbidden,
    );
  });

  it('quotes per RFC 4180, keeps UTF-8, and escapes cells that would run as formulas', async () => {
    const names = [
      '=HYPERLINK("http://evil","x")',
      '+1 234',
      '-2+3',
      '@SUM(A1)',
      '\tTabbed',
      '\rReturned',
      'Smith, Jane',
      'Zoë "Zed" Ünal 🚀',
      'Line\nbreak',
    ];
    const people: Person[] = [];
    for (const name of names) people.push(await createPerson(h, cast.workspace, { name }));
    const { session } = await publishedBy(h, cast.manager, {
      title: 'CSV: check!',
      seatLimit: 20,
      menteeIds: people.map((p) => p.id),
    });
    const { filename, csv } = succeeded(
      await menteeListCsv(h.deps, {
        actor: actorOf(cast.manager),
        input: { sessionId: session.id },
      }),
    );
    expect(filename).toBe('mentees-csv-check.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    // Nobody here has an e-mail known: no column of blanks.
    expect(rows[0]).toBe('Name,Status');
    const body = csv.slice(1);
    expect(body).toContain(`"'=HYPERLINK(""http://evil"",""x"")",invited\r\n`);
    expect(body).toContain("'+1 234,invited\r\n");
    expect(body).toContain("'-2+3,invited\r\n");
    expect(body).toContain("'@SUM(A1),invited\r\n");
    expect(body).toContain("'\tTabbed,invited\r\n");
    expect(body).toContain(`"'\rReturned",invited\r\n`);
    expect(body).toContain('"Smith, Jane",invited\r\n');
    expect(body).toContain('"Zoë ""Zed"" Ünal 🚀",invited\r\n');
    expect(body).toContain('"Line\nbreak",invited\r\n');
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });

  it('escapes formulas in every column, emails included', () => {
    const csv = menteeCsv([
      { id: 'a', name: 'Ann', email: '=cmd@example.com', status: 'enrolled' },
      { id: 'b', name: 'Bo', status: 'invited' },
    ]);
    expect(csv).toBe(
      "\uFEFFName,Email,Status\r\nAnn,'=cmd@example.com,enrolled\r\nBo,,invited\r\n",
    );
  });
});
