import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import { findMentors } from '../../../src/core/people/find-mentors.js';
import { getMentorProfile } from '../../../src/core/people/mentor-profile.js';
import { getMyProfile } from '../../../src/core/people/my-profile.js';
import type { Person } from '../../../src/core/people/person.js';
import { saveMenteeProfile } from '../../../src/core/people/save-mentee-profile.js';
import { saveMentorProfile } from '../../../src/core/people/save-mentor-profile.js';
import { searchMentees } from '../../../src/core/people/search-mentees.js';
import { requestSession } from '../../../src/core/requests/request-session.js';
import { sendMentorOffer } from '../../../src/core/requests/send-mentor-offer.js';
import type { Session } from '../../../src/core/sessions/session.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  TEST_NOW,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded, TUESDAY_AFTERNOON } from './mentorship.fixtures.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

const profile = {
  headline: 'Staff engineer',
  bio: 'Ten years of distributed systems.',
  expertise: ['TypeScript', 'MongoDB', 'typescript'],
  availability: TUESDAY_AFTERNOON,
  meetingPlatform: 'zoom',
  meetingUrl: 'https://acme.zoom.us/j/123456789',
};

const saveMentor = (person: Person, input: object) =>
  saveMentorProfile(h.deps, { actor: actorOf(person), input });

describe('mentor profile (docs/product.md#mentor-profile)', () => {
  it('makes a person a mentor when self-serve mentors is on', async () => {
    const workspace = await createWorkspace(h);
    const person = await createPerson(h, workspace, { name: 'Ada' });
    const saved = succeeded(await saveMentor(person, profile));
    expect(saved.roles).toEqual(['mentee', 'mentor']);
    expect(saved.mentorProfile).toEqual({
      headline: 'Staff engineer',
      bio: 'Ten years of distributed systems.',
      expertise: ['TypeScript', 'MongoDB'],
      availability: TUESDAY_AFTERNOON,
      meetingPlatform: 'zoom',
      meetingUrl: 'https://acme.zoom.us/j/123456789',
      // Not chosen: 30-minute bookable slots.
      slotMinutes: 30,
    });
    const mine = succeeded(await getMyProfile(h.deps, { actor: actorOf(person) }));
    expect(mine.mentorProfile?.headline).toBe('Staff engineer');
    expect((await h.deps.people.get(person.id))?.roles).toContain('mentor');
  });

  it('is for admin-granted mentors only when self-serve mentors is off, saying who to ask', async () => {
    const workspace = await createWorkspace(h, { config: { selfServeMentors: false } });
    await h.deps.people.upsertIdentity(
      {
        platform: workspace.platform,
        tenantId: workspace.tenantId,
        userId: 'UINSTALLER',
        displayName: 'Root Admin',
        timeZone: 'UTC',
      },
      TEST_NOW,
    );
    await h.deps.people.addRole(workspace.installedBy, 'admin', TEST_NOW);
    const person = await createPerson(h, workspace);
    expect(succeeded(await getMyProfile(h.deps, { actor: actorOf(person) })).actions).not.toContain(
      'editMentorProfile',
    );
    const error = errorOf(await saveMentor(person, profile), ErrorCode.FeatureOff);
    expect(error.message).toBe(
      'In this workspace only admins make people mentors. Ask a mentorbot admin such as Root Admin to give you the mentor role, then set up your profile.',
    );
    const unchanged = await h.deps.people.get(person.id);
    expect(unchanged?.roles).toEqual([]);
    expect(unchanged?.mentorProfile).toBeUndefined();

    await h.deps.people.addRole(person.id, 'mentor', TEST_NOW);
    succeeded(await saveMentor(person, profile));
  });

  it('checks every field and names it', async () => {
    const workspace = await createWorkspace(h);
    const person = await createPerson(h, workspace);
    const cases: Array<[object, string, string]> = [
      [
        { headline: '' },
        'headline',
        'Write a headline, like "Staff engineer, happy to talk careers".',
      ],
      [{ headline: 'h'.repeat(121) }, 'headline', 'Keep the headline to 120 characters or fewer.'],
      [{ bio: 'b'.repeat(2001) }, 'bio', 'Keep the bio to 2000 characters or fewer.'],
      [
        { expertise: Array.from({ length: 21 }, (_, i) => `t${i}`) },
        'expertise',
        'Pick at most 20 expertise tags.',
      ],
      [
        { expertise: ['x'.repeat(41)] },
        'expertise.0',
        'Keep each expertise tag to 40 characters or fewer.',
      ],
      [
        { availability: [{ weekday: 8, start: '10:00', end: '11:00' }] },
        'availability.0.weekday',
        'Pick a day of the week (Monday to Sunday).',
      ],
      [
        { availability: [{ weekday: 2, start: '9:00', end: '11:00' }] },
        'availability.0.start',
        'Give the start time as HH:mm, like 14:00.',
      ],
      [
        { availability: [{ weekday: 2, start: '11:00', end: '11:00' }] },
        'availability.0.end',
        'The end time must be after the start time.',
      ],
      [
        {
          availability: [
            { weekday: 2, start: '14:00', end: '16:00' },
            { weekday: 2, start: '15:30', end: '17:00' },
          ],
        },
        'availability.1.start',
        'Tuesday 15:30-17:00 overlaps 14:00-16:00.',
      ],
      [
        {
          availability: Array.from({ length: 31 }, (_, i) => ({
            weekday: (i % 7) + 1,
            start: `${String(Math.floor(i / 7)).padStart(2, '0')}:00`,
            end: `${String(Math.floor(i / 7)).padStart(2, '0')}:30`,
          })),
        },
        'availability',
        'Add at most 30 weekly times.',
      ],
      [{ meetingPlatform: 'skype' }, 'meetingPlatform', 'Pick a meeting platform.'],
      [{ slotMinutes: 20 }, 'slotMinutes', 'Pick a slot length: 15, 30, 45, 60 or 90 minutes.'],
      [{ slotMinutes: 'long' }, 'slotMinutes', 'Pick a slot length: 15, 30, 45, 60 or 90 minutes.'],
      [
        { meetingPlatform: 'gmeet', meetingUrl: undefined },
        'meetingUrl',
        'Paste your Google Meet link, like https://meet.google.com/abc-defg-hij.',
      ],
      [
        { meetingPlatform: 'gmeet', meetingUrl: 'http://meet.google.com/abc' },
        'meetingUrl',
        'That is not a Google Meet link. It should look like https://meet.google.com/abc-defg-hij.',
      ],
      [
        { meetingPlatform: 'gmeet', meetingUrl: 'https://meet.google.com/' },
        'meetingUrl',
        'That is not a Google Meet link. It should look like https://meet.google.com/abc-defg-hij.',
      ],
      [
        { meetingPlatform: 'whatsapp', meetingUrl: 'https://whatsapp.com/x' },
        'meetingUrl',
        'That is not a WhatsApp link. It should look like https://chat.whatsapp.com/... or https://wa.me/....',
      ],
      [
        { meetingPlatform: 'zoom', meetingUrl: 'https://zoom.us.evil.com/j/1' },
        'meetingUrl',
        'That is not a Zoom link. It should look like https://yourcompany.zoom.us/j/123456789.',
      ],
    ];
    for (const [change, field, message] of cases) {
      const error = errorOf(
        await saveMentor(person, { ...profile, ...change }),
        ErrorCode.Validation,
      );
      expect(error.fields, JSON.stringify(change)).toEqual({ [field]: message });
    }
    expect((await h.deps.people.get(person.id))?.mentorProfile).toBeUndefined();
  });

  it('accepts adjacent windows, every platform link form, and BigBlueButton without a link', async () => {
    const workspace = await createWorkspace(h);
    const person = await createPerson(h, workspace);
    const adjacent = [
      { weekday: 3, start: '15:00', end: '16:00' },
      { weekday: 3, start: '14:00', end: '15:00' },
    ];
    const saved = succeeded(await saveMentor(person, { ...profile, availability: adjacent }));
    expect(saved.mentorProfile?.availability.map((s) => s.start)).toEqual(['14:00', '15:00']);
    for (const [meetingPlatform, meetingUrl] of [
      ['gmeet', 'https://meet.google.com/abc-defg-hij'],
      ['whatsapp', 'https://chat.whatsapp.com/Invite123'],
      ['whatsapp', 'https://wa.me/4915112345678'],
      ['zoom', 'https://zoom.us/j/987654321'],
    ]) {
      succeeded(await saveMentor(person, { ...profile, meetingPlatform, meetingUrl }));
    }
    const bbb = succeeded(
      await saveMentor(person, {
        ...profile,
        meetingPlatform: 'bigbluebutton',
        meetingUrl: 'https://x.y/z',
      }),
    );
    expect(bbb.mentorProfile?.meetingPlatform).toBe('bigbluebutton');
    expect(bbb.mentorProfile?.meetingUrl).toBeUndefined();
    const defaulted = succeeded(await saveMentor(person, { headline: 'Just a headline' }));
    expect(defaulted.mentorProfile).toMatchObject({
      meetingPlatform: 'bigbluebutton',
      availability: [],
      expertise: [],
    });
  });
});

describe('mentee profile and mentee search (docs/product.md#mentee-profile-and-search)', () => {
  it('saves interests and the looking flag, checking the limits', async () => {
    const workspace = await createWorkspace(h);
    const person = await createPerson(h, workspace);
    const saved = succeeded(
      await saveMenteeProfile(h.deps, {
        actor: actorOf(person),
        input: { interests: ['Rust', ' rust ', 'Career'], lookingForMentor: true },
      }),
    );
    expect(saved.menteeProfile).toEqual({ interests: ['Rust', 'Career'], lookingForMentor: true });
    const tooMany = errorOf(
      await saveMenteeProfile(h.deps, {
        actor: actorOf(person),
        input: { interests: Array.from({ length: 21 }, (_, i) => `i${i}`), lookingForMentor: true },
      }),
      ErrorCode.Validation,
    );
    expect(tooMany.fields).toEqual({ interests: 'Pick at most 20 interests.' });
  });

  it('finds only looking mentees, by tag and by text, with I want to mentor you! where allowed', async () => {
    const workspace = await createWorkspace(h);
    const mentor = await createPerson(h, workspace, {
      name: 'Ada',
      roles: ['mentor'],
      menteeProfile: { interests: ['Rust'], lookingForMentor: true },
    });
    const rusty = await createPerson(h, workspace, {
      name: 'Rusty Ann',
      menteeProfile: { interests: ['Rust', 'Go'], lookingForMentor: true },
    });
    const gopher = await createPerson(h, workspace, {
      name: 'Gopher Bob',
      menteeProfile: { interests: ['Go'], lookingForMentor: true },
    });
    await createPerson(h, workspace, {
      name: 'Rust Idle',
      menteeProfile: { interests: ['Rust'], lookingForMentor: false },
    });
    const otherPlace = await createWorkspace(h);
    await createPerson(h, otherPlace, {
      name: 'Far Rust',
      menteeProfile: { interests: ['Rust'], lookingForMentor: true },
    });

    const search = async (input: object, as: Person = mentor) =>
      succeeded(await searchMentees(h.deps, { actor: actorOf(as), input })).results;

    expect((await search({ tag: 'rust' })).map((r) => r.mentee.name)).toEqual(['Rusty Ann']);
    expect((await search({ tag: 'Go' })).map((r) => r.mentee.name)).toEqual([
      'Gopher Bob',
      'Rusty Ann',
    ]);
    expect((await search({ text: 'bob' })).map((r) => r.mentee.name)).toEqual(['Gopher Bob']);
    expect((await search({ text: 'rus' })).map((r) => r.mentee.name)).toEqual(['Rusty Ann']);
    expect((await search({ tag: 'go', text: 'ann' })).map((r) => r.mentee.id)).toEqual([rusty.id]);
    expect((await search({})).every((r) => r.actions.includes('offerMentoring'))).toBe(true);

    // An open request for the pair, in either direction, takes the button away.
    succeeded(
      await sendMentorOffer(h.deps, { actor: actorOf(mentor), input: { menteeId: rusty.id } }),
    );
    succeeded(
      await requestSession(h.deps, { actor: actorOf(gopher), input: { mentorId: mentor.id } }),
    );
    expect((await search({})).map((r) => [r.mentee.name, r.actions])).toEqual([
      ['Gopher Bob', []],
      ['Rusty Ann', []],
    ]);

    errorOf(await searchMentees(h.deps, { actor: actorOf(rusty), input: {} }), ErrorCode.Forbidden);
  });

  it('offers no I want to mentor you! when mentor requests are off', async () => {
    const workspace = await createWorkspace(h, { config: { mentorRequests: false } });
    const mentor = await createPerson(h, workspace, { roles: ['mentor'] });
    await createPerson(h, workspace, {
      menteeProfile: { interests: ['Go'], lookingForMentor: true },
    });
    const { results } = succeeded(
      await searchMentees(h.deps, { actor: actorOf(mentor), input: { tag: 'go' } }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.actions).toEqual([]);
  });
});

describe('finding mentors and viewing a mentor profile (docs/product.md#mentor-profile)', () => {
  it('lists mentors by name, headline or expertise, never the actor', async () => {
    const workspace = await createWorkspace(h);
    const ada = await createPerson(h, workspace, {
      name: 'Ada',
      roles: ['mentor'],
      mentorProfile: {
        headline: 'Compilers',
        expertise: ['Rust'],
        availability: TUESDAY_AFTERNOON,
      },
    });
    await createPerson(h, workspace, {
      name: 'Brian',
      roles: ['mentor'],
      mentorProfile: { headline: 'Careers', expertise: ['Leadership'] },
    });
    await createPerson(h, workspace, { name: 'Not a mentor' });
    const find = async (as: Person, text?: string) =>
      succeeded(await findMentors(h.deps, { actor: actorOf(as), input: text ? { text } : {} }))
        .mentors;
    expect((await find(ada)).map((m) => m.mentor.name)).toEqual(['Brian']);
    const mentee = await createPerson(h, workspace);
    expect((await find(mentee)).map((m) => [m.mentor.name, m.hasAvailability])).toEqual([
      ['Ada', true],
      ['Brian', false],
    ]);
    expect((await find(mentee, 'rust')).map((m) => m.mentor.name)).toEqual(['Ada']);
    expect((await find(mentee, 'career')).map((m) => m.mentor.name)).toEqual(['Brian']);
  });

  it('shows headline, chips, upcoming sessions the viewer may join, and the two buttons', async () => {
    h.clock.set(TEST_NOW);
    const workspace = await createWorkspace(h);
    const mentor = await createPerson(h, workspace, {
      name: 'Ada',
      roles: ['mentor'],
      timeZone: 'Europe/Berlin',
      mentorProfile: {
        headline: 'Staff engineer',
        bio: 'Hi',
        expertise: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
        availability: TUESDAY_AFTERNOON,
      },
    });
    const viewer = await createPerson(h, workspace, { timeZone: 'Asia/Kolkata' });
    const session = (over: Partial<Session>): Session => ({
      id: h.deps.ids.next(),
      workspaceId: workspace.id,
      title: 'Session',
      description: '',
      type: 'public',
      mentorIds: [mentor.id],
      invitedIds: [],
      enrolledIds: [],
      seatLimit: 3,
      startsAt: new Date('2027-02-01T10:00:00Z'),
      endsAt: new Date('2027-02-01T11:00:00Z'),
      recommendedFor: [],
      categories: [],
      medium: [],
      status: 'published',
      createdBy: mentor.id,
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
      version: 1,
      ...over,
    });
    const open = session({ title: 'Open' });
    const invited = session({
      title: 'Invited',
      type: 'private',
      invitedIds: [viewer.id],
      seatLimit: 1,
    });
    for (const s of [
      open,
      invited,
      session({ title: 'Private', type: 'private' }),
      session({ title: 'Full', enrolledIds: ['x', 'y', 'z'] }),
      session({ title: 'Draft', status: 'draft' }),
      session({
        title: 'Past',
        startsAt: new Date('2027-01-01T10:00:00Z'),
        endsAt: new Date('2027-01-01T11:00:00Z'),
      }),
    ]) {
      await h.deps.sessions.insert(s);
    }
    const view = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(viewer), input: { mentorId: mentor.id } }),
    );
    expect(view).toMatchObject({
      mentor: { id: mentor.id, name: 'Ada' },
      headline: 'Staff engineer',
      bio: 'Hi',
      expertise: { shown: ['a', 'b', 'c', 'd', 'e'], more: 2 },
      isOwnProfile: false,
      actions: ['requestSession', 'bookSlot'],
    });
    expect(view.upcomingSessions.map((s) => s.title).sort()).toEqual(['Invited', 'Open']);
    expect(view.upcomingSessions[0]?.start.timeZone).toBe('Asia/Kolkata');
    expect(view.freeTimes.days[0]?.slots[0]?.start).toEqual({
      utc: '2027-01-12T13:00:00.000Z',
      timeZone: 'Asia/Kolkata',
    });

    // A pending request from this mentee hides Request a Session; a pending offer does not.
    succeeded(
      await requestSession(h.deps, { actor: actorOf(viewer), input: { mentorId: mentor.id } }),
    );
    const asked = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(viewer), input: { mentorId: mentor.id } }),
    );
    expect(asked.actions).not.toContain('requestSession');
    expect(asked.pendingRequest?.kind).toBe('menteeToMentor');

    const looking = await createPerson(h, workspace, { menteeProfile: { lookingForMentor: true } });
    succeeded(
      await sendMentorOffer(h.deps, { actor: actorOf(mentor), input: { menteeId: looking.id } }),
    );
    const offered = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(looking), input: { mentorId: mentor.id } }),
    );
    expect(offered.actions).toContain('requestSession');
    expect(offered.pendingRequest?.kind).toBe('mentorToMentee');

    const own = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(mentor), input: { mentorId: mentor.id } }),
    );
    expect(own.actions).toEqual([]);
  });

  it('hides Request a Session when mentee requests are off, and refuses non-mentors', async () => {
    const workspace = await createWorkspace(h, { config: { menteeRequests: false } });
    const mentor = await createPerson(h, workspace, { roles: ['mentor'] });
    const viewer = await createPerson(h, workspace);
    const view = succeeded(
      await getMentorProfile(h.deps, { actor: actorOf(viewer), input: { mentorId: mentor.id } }),
    );
    expect(view.actions).toEqual([]);
    errorOf(
      await getMentorProfile(h.deps, { actor: actorOf(mentor), input: { mentorId: viewer.id } }),
      ErrorCode.NotFound,
    );
  });
});
