import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Result } from '../../../src/core/errors.js';
import type { Person } from '../../../src/core/people/person.js';
import {
  type CreateAndPublishInput,
  createAndPublishSession,
  createSession,
} from '../../../src/core/sessions/create.js';
import { getSessionDetails } from '../../../src/core/sessions/details.js';
import { MAX_SESSION_HOURS, MAX_START_AHEAD_YEARS } from '../../../src/core/sessions/when.js';
import { identify } from '../../../src/core/workspaces/install.js';
import { actorOf, type CoreHarness, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { buildSessionInput, castOf, type SessionCast } from './sessions.fixtures.js';

let h: CoreHarness;
let cast: SessionCast;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 3, {
    config: { minSessionMinutes: 30, defaultSeatLimit: 7 },
  });
});
afterAll(() => h.close());

const create = (overrides: Partial<CreateAndPublishInput>, by: Person = cast.mentor) =>
  createAndPublishSession(h.deps, { actor: actorOf(by), input: buildSessionInput(overrides) });

/** The message on `field`, from a validation failure that changed nothing. */
async function fieldError(result: Result<unknown>, field: string): Promise<string> {
  const error = errorOf(result, ErrorCode.Validation);
  expect(Object.keys(error.fields), error.message).toContain(field);
  return error.fields[field] as string;
}

const sessionCount = async () =>
  (await h.deps.sessions.find({ workspaceId: cast.workspace.id, limit: 1000 })).length;

describe('session field rules (docs/product.md#session-fields)', () => {
  it('title is 1-120 characters', async () => {
    expect(await fieldError(await create({ title: '   ' }), 'title')).toMatch(/title/);
    expect(await fieldError(await create({ title: 'x'.repeat(121) }), 'title')).toMatch(/120/);
    succeeded(await create({ title: 'x'.repeat(120) }));
  });

  it('description is at most 2,000 characters', async () => {
    expect(
      await fieldError(await create({ description: 'd'.repeat(2001) }), 'description'),
    ).toMatch(/2,000/);
    succeeded(await create({ description: 'd'.repeat(2000) }));
  });

  it('image must be an https link', async () => {
    await fieldError(await create({ imageUrl: 'http://example.com/a.png' }), 'imageUrl');
    await fieldError(await create({ imageUrl: 'not a link' }), 'imageUrl');
    const made = succeeded(await create({ imageUrl: 'https://example.com/a.png' }));
    expect(made.session.imageUrl).toBe('https://example.com/a.png');
  });

  it('end must be after start, and the session at least the workspace minimum long', async () => {
    const start = '2027-02-01T10:00:00Z';
    expect(await fieldError(await create({ start, end: start }), 'end')).toMatch(/after the start/);
    expect(await fieldError(await create({ start, end: '2027-02-01T09:00:00Z' }), 'end')).toMatch(
      /after the start/,
    );
    expect(await fieldError(await create({ start, end: '2027-02-01T10:29:00Z' }), 'end')).toMatch(
      /at least 30 minutes/,
    );
    succeeded(await create({ start, end: '2027-02-01T10:30:00Z' }));
  });

  it('start may not be in the past', async () => {
    h.clock.set('2027-01-11T09:00:00Z');
    expect(
      await fieldError(
        await create({ start: '2027-01-11T08:59:00Z', end: '2027-01-11T10:00:00Z' }),
        'start',
      ),
    ).toMatch(/past/);
  });

  it('seat limit is a whole number from 1 to 500, defaulting to the workspace default', async () => {
    await fieldError(await create({ seatLimit: 0 }), 'seatLimit');
    await fieldError(await create({ seatLimit: 501 }), 'seatLimit');
    await fieldError(await create({ seatLimit: 2.5 }), 'seatLimit');
    expect(succeeded(await create({ seatLimit: 500 })).session.seatLimit).toBe(500);
    expect(succeeded(await create({})).session.seatLimit).toBe(7);
  });

  it('gives field errors for malformed times, naming the field', async () => {
    await fieldError(await create({ start: 'tomorrow' }), 'start');
    await fieldError(await create({ start: { date: '2027-02-01', time: '25:00' } }), 'start.time');
    await fieldError(await create({ end: { date: '2027-02-30', time: '10:00' } }), 'end.date');
  });

  it('reports every broken field at once and stores nothing', async () => {
    const before = await sessionCount();
    const error = errorOf(
      await create({ title: '', seatLimit: 0, imageUrl: 'ftp://x' }),
      ErrorCode.Validation,
    );
    expect(Object.keys(error.fields).sort()).toEqual(['imageUrl', 'seatLimit', 'title']);
    expect(await sessionCount()).toBe(before);
  });
});

describe('type (docs/product.md#session-fields): only a session manager picks private', () => {
  it('a mentor who is not a session manager cannot choose private', async () => {
    expect(await fieldError(await create({ type: 'private' }), 'type')).toMatch(/session managers/);
    expect(succeeded(await create({ type: 'public' })).session.type).toBe('public');
  });

  it('a session manager can, and public is the default', async () => {
    expect(succeeded(await create({ type: 'private' }, cast.manager)).session.type).toBe('private');
    expect(succeeded(await create({}, cast.manager)).session.type).toBe('public');
  });
});

describe('Recommended for / Categories / Medium (docs/product.md#session-fields)', () => {
  it('takes values from the vocabulary, in its spelling', async () => {
    const made = succeeded(
      await create({
        recommendedFor: { selected: ['beginners'] },
        categories: { selected: ['Career', 'Leadership'] },
        medium: { selected: ['English'] },
      }),
    );
    expect(made.session.recommendedFor.shown).toEqual(['Beginners']);
    expect(made.session.categories.shown).toEqual(['Career', 'Leadership']);
  });

  it('refuses a value outside the vocabulary unless it is added under Other', async () => {
    expect(
      await fieldError(
        await create({ categories: { selected: ['Astrology'] } }),
        'categories.selected',
      ),
    ).toMatch(/Astrology.*Other/);
    const made = succeeded(
      await create({ categories: { selected: ['Career', 'Astrology'], other: ['Astrology'] } }),
    );
    expect(made.session.categories.shown).toEqual(['Career', 'Astrology']);
  });

  it('Other items are 1-40 characters', async () => {
    await fieldError(await create({ medium: { other: ['x'.repeat(41)] } }), 'medium.other');
    await fieldError(await create({ medium: { other: [' '] } }), 'medium.other');
    expect(
      succeeded(await create({ medium: { other: ['x'.repeat(40)] } })).session.medium.shown,
    ).toEqual(['x'.repeat(40)]);
  });

  it('shows at most five chips, then "+N more"', async () => {
    const other = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const made = succeeded(await create({ categories: { other } }));
    expect(made.session.categories).toEqual({ shown: ['a', 'b', 'c', 'd', 'e'], more: 2 });
  });
});

describe('mentors and invitees of a new session (docs/product.md#session-fields)', () => {
  it('only a session manager adds other mentors', async () => {
    expect(
      await fieldError(await create({ mentorIds: [cast.otherMentor.id] }), 'mentorIds'),
    ).toMatch(/session managers/);
    const made = succeeded(await create({ mentorIds: [cast.otherMentor.id] }, cast.manager));
    expect(made.session.mentors.map((m) => m.id)).toEqual([cast.manager.id, cast.otherMentor.id]);
  });

  it('added mentors must be mentors of the workspace', async () => {
    const mentee = cast.mentees[0] as Person;
    expect(
      await fieldError(await create({ mentorIds: [mentee.id] }, cast.manager), 'mentorIds'),
    ).toMatch(/not a mentor/);
  });

  it('invitees must be people of the workspace', async () => {
    await fieldError(await create({ menteeIds: ['slack:TOTHER:U1'] }), 'menteeIds');
  });

  it('more invitees than seats is "session seats full", naming the field', async () => {
    const error = errorOf(
      await create({ seatLimit: 2, menteeIds: cast.mentees.map((m) => m.id) }),
      ErrorCode.SeatsFull,
    );
    expect(error.message).toMatch(/session seats full/i);
    expect(error.fields.menteeIds).toMatch(/session seats full/i);
    succeeded(await create({ seatLimit: 3, menteeIds: cast.mentees.map((m) => m.id) }));
  });

  it('a mentee without a mentor role cannot create sessions', async () => {
    const mentee = cast.mentees[0] as Person;
    errorOf(
      await createSession(h.deps, { actor: actorOf(mentee), input: buildSessionInput() }),
      ErrorCode.Forbidden,
    );
  });
});

describe('meeting link per platform (docs/product.md#meeting-link)', () => {
  const meetingError = async (meeting: unknown, field: string) =>
    fieldError(await create({ meeting } as Partial<CreateAndPublishInput>), field);

  it('BigBlueButton needs no input and is the default', async () => {
    const made = succeeded(await create({}));
    expect(made.session.meetingPlatform).toBe('bigbluebutton');
    succeeded(await create({ meeting: { platform: 'bigbluebutton' } }));
  });

  it('an unknown platform names the platform field', async () => {
    await meetingError({ platform: 'skype' }, 'meeting.platform');
  });

  it('Google Meet needs an https://meet.google.com/ link', async () => {
    await meetingError({ platform: 'gmeet' }, 'meeting.url');
    await meetingError({ platform: 'gmeet', url: 'https://zoom.us/j/123456789' }, 'meeting.url');
    await meetingError(
      { platform: 'gmeet', url: 'http://meet.google.com/abc-defg-hij' },
      'meeting.url',
    );
    await meetingError({ platform: 'gmeet', url: 'https://meet.google.com/' }, 'meeting.url');
    const made = succeeded(
      await create({ meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' } }),
    );
    expect(made.session.meetingPlatform).toBe('gmeet');
  });

  it('WhatsApp needs a chat.whatsapp.com or wa.me link', async () => {
    await meetingError({ platform: 'whatsapp', url: 'https://whatsapp.com/x' }, 'meeting.url');
    await meetingError({ platform: 'whatsapp', url: 'https://wa.me.evil.com/1' }, 'meeting.url');
    succeeded(
      await create({ meeting: { platform: 'whatsapp', url: 'https://chat.whatsapp.com/AbCdEf' } }),
    );
    succeeded(
      await create({ meeting: { platform: 'whatsapp', url: 'https://wa.me/15551234567' } }),
    );
  });

  it('Zoom needs a zoom.us link, a 9-11 digit meeting id and a passcode of at most 10', async () => {
    const zoom = {
      platform: 'zoom',
      url: 'https://acme.zoom.us/j/1234567890',
      meetingId: '123 456 7890',
      passcode: 'abc123',
    };
    await meetingError({ ...zoom, url: 'https://zoom.us.evil.com/j/1' }, 'meeting.url');
    await meetingError({ ...zoom, url: 'https://example.com/j/1' }, 'meeting.url');
    await meetingError({ ...zoom, meetingId: '12345678' }, 'meeting.meetingId');
    await meetingError({ ...zoom, meetingId: '123456789012' }, 'meeting.meetingId');
    await meetingError({ ...zoom, meetingId: '12345678a' }, 'meeting.meetingId');
    await meetingError({ ...zoom, passcode: '' }, 'meeting.passcode');
    await meetingError({ ...zoom, passcode: 'p'.repeat(11) }, 'meeting.passcode');
    const made = succeeded(
      await create({ meeting: zoom } as Partial<CreateAndPublishInput>, cast.manager),
    );
    const details = succeeded(
      await getSessionDetails(h.deps, {
        actor: actorOf(cast.manager),
        input: { sessionId: made.session.id },
      }),
    );
    expect(details.meeting).toEqual({
      platform: 'zoom',
      url: 'https://acme.zoom.us/j/1234567890',
      meetingId: '1234567890',
      passcode: 'abc123',
    });
    succeeded(
      await create({
        meeting: { ...zoom, url: 'https://zoom.us/j/123456789' },
      } as Partial<CreateAndPublishInput>),
    );
  });
});

describe('input hygiene: what people type is shown to others as typed, nothing hidden', () => {
  it('strips control characters and bidi overrides from titles and descriptions', async () => {
    const made = succeeded(
      await create({
        title: 'Intro\u202E tsuR\u202C to\u0007 Rust\u2066\u2069\r\n',
        description: 'Line one\r\nLine\u0000 two\u200F\tend',
      }),
    );
    expect(made.session.title).toBe('Intro tsuR to Rust');
    expect(made.session.description).toBe('Line one\nLine two\tend');
  });

  it('refuses a title made only of invisible characters', async () => {
    for (const title of [
      '\u200B\u200B',
      '\u202E\u202C',
      '\u3164',
      '\u2800 \u00AD',
      '\u0007\u0008',
    ]) {
      expect(await fieldError(await create({ title }), 'title'), JSON.stringify(title)).toMatch(
        /title/,
      );
    }
  });

  it('reads seat limits as plain decimal integers only', async () => {
    for (const seatLimit of [
      '1e2',
      '0x10',
      '0b11',
      '1.0',
      '+5',
      '-1',
      '',
      ' ',
      'Infinity',
      '12abc',
    ]) {
      expect(
        await fieldError(await create({ seatLimit: seatLimit as unknown as number }), 'seatLimit'),
        seatLimit,
      ).toMatch(/whole number|at least 1/);
    }
    const ten = succeeded(await create({ seatLimit: ' 10 ' as unknown as number }));
    expect(ten.session.seatLimit).toBe(10);
  });

  it(`starts at most ${MAX_START_AHEAD_YEARS} years ahead and lasts at most ${MAX_SESSION_HOURS} hours`, async () => {
    h.clock.set('2027-01-11T09:00:00Z');
    expect(
      await fieldError(
        await create({ start: '2029-01-12T10:00:00Z', end: '2029-01-12T11:00:00Z' }),
        'start',
      ),
    ).toMatch(/2 years/);
    succeeded(await create({ start: '2029-01-10T10:00:00Z', end: '2029-01-10T11:00:00Z' }));
    expect(
      await fieldError(
        await create({ start: '2027-02-01T08:00:00Z', end: '2027-02-01T20:01:00Z' }),
        'end',
      ),
    ).toMatch(/12 hours/);
    succeeded(await create({ start: '2027-02-01T08:00:00Z', end: '2027-02-01T20:00:00Z' }));
  });

  it('strips controls and bidi overrides from names; a name with nothing visible shows the user id', async () => {
    const base = { platform: 'slack' as const, tenantId: cast.workspace.tenantId };
    const named = succeeded(
      await identify(h.deps, { ...base, userId: 'UBIDI', displayName: 'Eve\u202Enimda\u0000\n' }),
    );
    expect(named.displayName).toBe('Evenimda');
    const blank = succeeded(
      await identify(h.deps, { ...base, userId: 'UBLANK', displayName: '\u200B\u3164' }),
    );
    expect(blank.displayName).toBe('UBLANK');
  });
});
