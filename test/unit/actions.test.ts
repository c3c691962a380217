import { describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  type ActionKind,
  homeActions,
  menteeHitActions,
  mentorHitActions,
  mentorProfileActions,
  myProfileActions,
  requestActions,
  type Switches,
  sessionActions,
} from '../../src/core/actions.js';
import type { Person, Role } from '../../src/core/people/person.js';
import type { Session, SessionStatus } from '../../src/core/sessions/session.js';

/** The decision table of src/core/actions.ts: who may do what, from roles, switches and state. */

const NOW = new Date('2027-03-10T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const ON: Switches = { menteeRequests: true, mentorRequests: true, selfServeMentors: true };
const OFF: Switches = { menteeRequests: false, mentorRequests: false, selfServeMentors: false };

function person(id: string, roles: Role[] = [], extra: Partial<Person> = {}): Person {
  return {
    id,
    workspaceId: 'slack:T',
    platform: 'slack',
    tenantId: 'T',
    userId: id,
    displayName: id,
    timeZone: 'UTC',
    roles: ['mentee', ...roles],
    menteeProfile: { interests: [], lookingForMentor: false },
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

const mentor = person('mentor', ['mentor']);
const manager = person('manager', ['sessionManager']);
const invited = person('invited');
const enrolled = person('enrolled');
const stranger = person('stranger');

/** A session of `mentor` with one invitee and one enrolled mentee, starting in `startsIn` hours. */
function session(status: SessionStatus, startsIn: number, extra: Partial<Session> = {}): Session {
  const startsAt = new Date(NOW.getTime() + startsIn * HOUR);
  return {
    id: 's1',
    workspaceId: 'slack:T',
    title: 'T',
    description: '',
    type: 'public',
    mentorIds: [mentor.id],
    invitedIds: [invited.id],
    enrolledIds: [enrolled.id],
    seatLimit: 5,
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR),
    recommendedFor: [],
    categories: [],
    medium: [],
    meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
    status,
    createdBy: mentor.id,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ...extra,
  };
}

const MANAGE: ActionKind[] = [
  'editSession',
  'editMeeting',
  'addImage',
  'deleteSession',
  'cloneSession',
  'viewMentees',
  'downloadMentees',
];

describe('session actions', () => {
  const table: [string, Session, Person, Switches, ActionKind[]][] = [
    [
      'a draft, its mentor',
      session('draft', 24),
      mentor,
      ON,
      [
        'publish',
        'editSession',
        'editMeeting',
        'addImage',
        'deleteSession',
        'viewMentees',
        'downloadMentees',
      ],
    ],
    [
      'a draft past its start: edit the time first, no publish',
      session('draft', -2),
      mentor,
      ON,
      ['editSession', 'editMeeting', 'addImage', 'deleteSession', 'viewMentees', 'downloadMentees'],
    ],
    [
      'a draft, a session manager who is not its mentor',
      session('draft', 24),
      manager,
      ON,
      [
        'publish',
        'editSession',
        'editMeeting',
        'addImage',
        'deleteSession',
        'viewMentees',
        'downloadMentees',
      ],
    ],
    // Days ahead nobody joins yet; from 10 minutes before the start, mentors and enrolled
    // mentees do (an invitee enrols first).
    ['upcoming, its mentor', session('published', 24), mentor, ON, MANAGE],
    [
      'upcoming with an image, its mentor: it may be removed',
      session('published', 24, { imageUrl: 'https://example.com/cover.png' }),
      mentor,
      ON,
      [...MANAGE.slice(0, 3), 'removeImage', ...MANAGE.slice(3)],
    ],
    [
      'upcoming with an image file, an enrolled mentee: nothing to do with it',
      session('published', 24, {
        imageFile: {
          source: 'stored',
          id: 'i1',
          name: 'cover.png',
          contentType: 'image/png',
          size: 10,
        },
      }),
      enrolled,
      ON,
      [],
    ],
    ['upcoming, invited mentee', session('published', 24), invited, ON, ['enrol']],
    ['upcoming, enrolled mentee', session('published', 24), enrolled, ON, []],
    ['in 10 minutes, its mentor', session('published', 1 / 6), mentor, ON, ['join', ...MANAGE]],
    ['in 10 minutes, invited mentee', session('published', 1 / 6), invited, ON, ['enrol']],
    ['in 10 minutes, enrolled mentee', session('published', 1 / 6), enrolled, ON, ['join']],
    ['in 11 minutes, enrolled mentee', session('published', 11 / 60), enrolled, ON, []],
    ['upcoming public, stranger with a seat', session('published', 24), stranger, ON, ['enrol']],
    ['upcoming public, full', session('published', 24, { seatLimit: 2 }), stranger, ON, []],
    ['upcoming private, stranger', session('published', 24, { type: 'private' }), stranger, ON, []],
    [
      'live (job late), its mentor',
      session('published', -0.5),
      mentor,
      ON,
      ['join', 'editMeeting', 'cloneSession', 'viewMentees', 'downloadMentees'],
    ],
    // From a live session too, a mentee may ask for another like it (issue 10 point 13).
    ['live, enrolled mentee', session('live', -0.5), enrolled, ON, ['join', 'requestAnother']],
    [
      'completed, its mentor',
      session('completed', -3),
      mentor,
      ON,
      ['cloneSession', 'viewMentees', 'downloadMentees'],
    ],
    ['completed, enrolled mentee', session('completed', -3), enrolled, ON, ['requestAnother']],
    ['completed, invited mentee, requests off', session('completed', -3), invited, OFF, []],
    ['completed, stranger', session('completed', -3), stranger, ON, []],
    [
      'cancelled, its mentor',
      session('cancelled', 24),
      mentor,
      ON,
      ['cloneSession', 'viewMentees', 'downloadMentees'],
    ],
    [
      'BigBlueButton has no link to join',
      session('published', 24, {
        meeting: { platform: 'bigbluebutton' },
      }),
      enrolled,
      ON,
      [],
    ],
  ];
  it.each(table)('%s', (_, s, viewer, switches, expected) => {
    expect(sessionActions(s, viewer, switches, NOW)).toEqual(expected);
  });

  it('nobody manages a session of another workspace', () => {
    const otherManager = person('x', ['sessionManager'], { workspaceId: 'slack:OTHER' });
    expect(sessionActions(session('draft', 24), otherManager, ON, NOW)).toEqual([]);
  });
});

describe('request actions', () => {
  const asked = { kind: 'menteeToMentor', menteeId: 'a', mentorId: 'm' } as const;
  const offered = { kind: 'mentorToMentee', menteeId: 'a', mentorId: 'm' } as const;
  it('the mentor asked schedules or declines a pending request', () => {
    expect(requestActions({ ...asked, status: 'pending' }, { id: 'm' }, true)).toEqual([
      'scheduleRequest',
      'declineRequest',
    ]);
    expect(requestActions({ ...asked, status: 'declined' }, { id: 'm' }, true)).toEqual([]);
  });
  it('the mentee dismisses a pending offer and opens the mentor profile while it exists', () => {
    expect(requestActions({ ...offered, status: 'pending' }, { id: 'a' }, true)).toEqual([
      'dismissOffer',
      'viewMentorProfile',
    ]);
    expect(requestActions({ ...offered, status: 'accepted' }, { id: 'a' }, false)).toEqual([]);
    expect(requestActions({ ...asked, status: 'pending' }, { id: 'a' }, true)).toEqual([
      'viewMentorProfile',
    ]);
  });
  it('the mentor who sent an offer can do nothing with it', () => {
    expect(requestActions({ ...offered, status: 'pending' }, { id: 'm' }, true)).toEqual([]);
  });
});

describe('profile and search actions', () => {
  it('a mentor profile: request (unless asked already) and book (with free slots)', () => {
    const base = { own: false, switches: ON, freeSlots: 2 };
    expect(mentorProfileActions(base)).toEqual(['requestSession', 'bookSlot']);
    expect(mentorProfileActions({ ...base, pending: { kind: 'menteeToMentor' } })).toEqual([
      'bookSlot',
    ]);
    expect(mentorProfileActions({ ...base, pending: { kind: 'mentorToMentee' } })).toEqual([
      'requestSession',
      'bookSlot',
    ]);
    expect(mentorProfileActions({ ...base, switches: OFF, freeSlots: 0 })).toEqual([]);
    expect(mentorProfileActions({ ...base, own: true })).toEqual([]);
  });

  it('a mentor in a list: always viewable, requestable with mentee requests on', () => {
    expect(mentorHitActions(mentor, stranger, ON)).toEqual(['viewMentorProfile', 'requestSession']);
    expect(mentorHitActions(mentor, stranger, OFF)).toEqual(['viewMentorProfile']);
    expect(mentorHitActions(mentor, mentor, ON)).toEqual(['viewMentorProfile']);
  });

  it('a mentee in a search: offer only to someone looking, without an open request', () => {
    const looking = person('looking', [], {
      menteeProfile: { interests: [], lookingForMentor: true },
    });
    const hit = { mentee: looking, viewer: mentor, switches: ON, openRequest: false };
    expect(menteeHitActions(hit)).toEqual(['offerMentoring']);
    expect(menteeHitActions({ ...hit, openRequest: true })).toEqual([]);
    expect(menteeHitActions({ ...hit, switches: OFF })).toEqual([]);
    expect(menteeHitActions({ ...hit, mentee: stranger })).toEqual([]);
  });

  it('the own profile: mentor profile for mentors or self-serve, settings for admins', () => {
    expect(myProfileActions(stranger, ON)).toEqual(['editMenteeProfile', 'editMentorProfile']);
    expect(myProfileActions(stranger, OFF)).toEqual(['editMenteeProfile']);
    const withProfile = person('p', ['mentor', 'admin'], {
      mentorProfile: {
        headline: 'h',
        bio: '',
        expertise: [],
        availability: [],
        meetingPlatform: 'bigbluebutton',
      },
    });
    expect(myProfileActions(withProfile, OFF)).toEqual([
      'editMenteeProfile',
      'editMentorProfile',
      'previewMentorProfile',
      'editSettings',
      'manageRoles',
    ]);
  });

  it('the home: create for mentors and session managers, find mentees for mentors only', () => {
    expect(homeActions(stranger, ON)).toEqual(['findMentor', 'requestSession']);
    expect(homeActions(manager, ON)).toEqual(['createSession', 'findMentor', 'requestSession']);
    expect(homeActions(mentor, ON)).toEqual([
      'createSession',
      'findMentor',
      'requestSession',
      'findMentees',
      'viewIncomingRequests',
    ]);
    expect(homeActions(person('admin', ['admin']), ON)).toEqual([
      'findMentor',
      'requestSession',
      'editSettings',
      'manageRoles',
    ]);
  });

  it('the home offers asking a mentor only while mentee requests are on', () => {
    expect(homeActions(stranger, OFF)).toEqual(['findMentor']);
    expect(homeActions(mentor, { ...ON, menteeRequests: false })).not.toContain('requestSession');
  });

  it('lists each kind once', () => {
    expect(new Set(ACTION_KINDS).size).toBe(ACTION_KINDS.length);
  });
});
