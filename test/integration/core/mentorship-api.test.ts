import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentArrivals } from '../../../src/adapters/arrival.js';
import { createMentorship, type Mentorship } from '../../../src/core/api.js';
import { ErrorCode } from '../../../src/core/errors.js';
import type { ArriveInput } from '../../../src/core/workspaces/arrive.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  FixedClock,
  TEST_NOW,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { castOf, draftBy, publishedBy } from './sessions.fixtures.js';

/**
 * The use-case API adapters call (src/core/api.ts): one arrival path, the form queries that
 * carry the rules both platforms used to write themselves, and commands that answer what an
 * adapter shows next.
 */

let h: CoreHarness;
let api: Mentorship;
beforeAll(async () => {
  h = await useCore();
  api = createMentorship(h.deps);
});
afterAll(() => h.close());

let counter = 0;
const tenant = () => `TARRIVE${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

const identity = (
  tenantId: string,
  userId: string,
  extra: Partial<ArriveInput['identity']> = {},
) => ({
  platform: 'teams' as const,
  tenantId,
  userId,
  displayName: `Person ${userId}`,
  timeZone: 'Europe/Lisbon',
  ...extra,
});

describe('arriving (docs/product.md#people-and-workspaces)', () => {
  it('answers installed: false for a workspace nobody installed, and creates nobody', async () => {
    const t = tenant();
    const arrival = succeeded(await api.arrive({ identity: identity(t, 'U1') }));
    expect(arrival).toEqual({ installed: false, workspaceId: `teams:${t}` });
    expect(await h.deps.people.get(`teams:${t}:U1`)).toBeUndefined();
  });

  it('installs on first sight when asked: the first person is its admin, the next a mentee', async () => {
    const t = tenant();
    const install = { workspaceName: 'Contoso' };
    const first = succeeded(await api.arrive({ identity: identity(t, 'U1'), install }));
    if (!first.installed) throw new Error('not installed');
    expect(first.newWorkspace).toBe(true);
    expect(first.workspace.name).toBe('Contoso');
    expect(first.person.roles).toContain('admin');

    const second = succeeded(
      await api.arrive({
        identity: identity(t, 'U2', { displayName: 'Grace', timeZone: 'Not/AZone' }),
        install,
      }),
    );
    if (!second.installed) throw new Error('not installed');
    expect(second.newWorkspace).toBe(false);
    expect(second.person).toMatchObject({
      displayName: 'Grace',
      timeZone: 'UTC',
      roles: [],
    });
  });

  it('installs with the installer the platform names, asked for only when installing', async () => {
    const t = tenant();
    let asked = 0;
    const install = {
      workspaceName: 'Acme',
      installer: async () => {
        asked++;
        return identity(t, 'UINSTALLER');
      },
    };
    const arrival = succeeded(await api.arrive({ identity: identity(t, 'U1'), install }));
    if (!arrival.installed) throw new Error('not installed');
    expect(arrival.workspace.installedBy).toBe(`teams:${t}:UINSTALLER`);
    expect(arrival.person.roles).toEqual([]);
    succeeded(await api.arrive({ identity: identity(t, 'U2'), install }));
    expect(asked).toBe(1);
  });

  it('makes a person the configuration names an admin', async () => {
    const workspace = await createWorkspace(h, { platform: 'teams' });
    const arrival = succeeded(
      await api.arrive({ identity: identity(workspace.tenantId, 'UBOSS'), configuredAdmin: true }),
    );
    expect(arrival.installed && arrival.person.roles).toContain('admin');
  });

  it('answers a validation error, not a crash, for an identity the platform left empty', async () => {
    errorOf(
      await api.arrive({ identity: identity(tenant(), '', { displayName: '' }) }),
      ErrorCode.Validation,
    );
  });

  it('remembers arrivals for the TTL, and asks again when the identity or the TTL changes', async () => {
    const workspace = await createWorkspace(h, { platform: 'teams' });
    let calls = 0;
    const counting: Pick<Mentorship, 'arrive'> = {
      arrive: (input) => {
        calls++;
        return api.arrive(input);
      },
    };
    const clock = new FixedClock(TEST_NOW);
    const recent = new RecentArrivals(counting, { ttlMs: 60_000, clock });
    const who = identity(workspace.tenantId, 'U1');
    succeeded(await recent.arrive({ identity: who }));
    succeeded(await recent.arrive({ identity: who }));
    expect(calls).toBe(1);
    succeeded(await recent.arrive({ identity: { ...who, displayName: 'Renamed' } }));
    expect(calls).toBe(2);
    clock.advance(61_000);
    const later = succeeded(await recent.arrive({ identity: { ...who, displayName: 'Renamed' } }));
    expect(calls).toBe(3);
    expect(later.installed && later.person.displayName).toBe('Renamed');

    // Not installed is never remembered: the next arrival may find it installed.
    const nowhere = identity(tenant(), 'U1');
    succeeded(await recent.arrive({ identity: nowhere }));
    succeeded(await recent.arrive({ identity: nowhere }));
    expect(calls).toBe(5);
  });
});

describe('the session form (docs/product.md#sessions)', () => {
  it('is refused to someone who may not create sessions', async () => {
    const { mentees } = await castOf(h, 1);
    errorOf(
      await api.sessionForm({ actor: actorOf(mentees[0]!), input: { mode: 'create' } }),
      ErrorCode.Forbidden,
    );
  });

  it('offers a mentor the workspace defaults, and a session manager the type and mentors', async () => {
    const { mentor, manager } = await castOf(h, 0, {
      config: { defaultSeatLimit: 7, defaultMeetingPlatform: 'gmeet' },
    });
    const form = succeeded(
      await api.sessionForm({ actor: actorOf(mentor), input: { mode: 'create' } }),
    );
    expect(form).toMatchObject({
      mode: 'create',
      timeZone: 'Europe/Berlin',
      publishes: true,
      choices: {
        types: ['public'],
        meetingPlatforms: ['bigbluebutton', 'gmeet', 'whatsapp', 'zoom'],
      },
      defaults: { seatLimit: 7, meetingPlatform: 'gmeet' },
      values: { seatLimit: 7, type: 'public', meeting: { platform: 'gmeet' } },
    });
    expect(form.values.start).toBeUndefined();
    expect(form.editable).not.toContain('type');
    expect(form.editable).not.toContain('mentorIds');
    expect(form.vocabularies.categories).toContain('Engineering');

    const managed = succeeded(
      await api.sessionForm({ actor: actorOf(manager), input: { mode: 'create' } }),
    );
    expect(managed.choices.types).toEqual(['public', 'private']);
    expect(managed.editable).toEqual(expect.arrayContaining(['type', 'mentorIds', 'meeting']));
  });

  it('answers a request: the mentee named, the session private', async () => {
    const { mentor, mentees } = await castOf(h, 1);
    const { request } = succeeded(
      await api.requestSession({
        actor: actorOf(mentees[0]!),
        input: { mentorId: mentor.id },
      }),
    );
    const form = succeeded(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'create', requestId: request.id },
      }),
    );
    expect(form.request).toEqual({
      id: request.id,
      mentee: { id: mentees[0]!.id, name: 'Mentee 00' },
    });
    expect(form.values.type).toBe('private');
    succeeded(
      await api.declineRequest({ actor: actorOf(mentor), input: { requestId: request.id } }),
    );
    errorOf(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'create', requestId: request.id },
      }),
      ErrorCode.AlreadyDone,
    );
  });

  it('edits with the session values in the reader zone; the type only for a manager draft', async () => {
    const { mentor, manager } = await castOf(h, 0);
    const draft = await draftBy(h, manager, { title: 'Draft one' });
    const managerForm = succeeded(
      await api.sessionForm({
        actor: actorOf(manager),
        input: { mode: 'edit', sessionId: draft.session.id },
      }),
    );
    expect(managerForm).toMatchObject({
      mode: 'edit',
      version: draft.version,
      publishes: false,
      values: {
        title: 'Draft one',
        start: { date: '2027-01-18', time: '11:00' },
        end: { date: '2027-01-18', time: '12:00' },
      },
    });
    expect(managerForm.editable).toContain('type');

    const published = await publishedBy(h, mentor);
    const mentorForm = succeeded(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'edit', sessionId: published.session.id },
      }),
    );
    expect(mentorForm.editable).not.toContain('type');
    expect(mentorForm.editable).not.toContain('meeting');

    h.clock.set('2027-01-18T10:30:00Z');
    try {
      errorOf(
        await api.sessionForm({
          actor: actorOf(mentor),
          input: { mode: 'edit', sessionId: published.session.id },
        }),
        ErrorCode.NotEditable,
      );
      // The meeting link can still change while it is live.
      const meeting = succeeded(
        await api.sessionForm({
          actor: actorOf(mentor),
          input: { mode: 'meeting', sessionId: published.session.id },
        }),
      );
      expect(meeting).toMatchObject({ editable: ['meeting'], publishes: false });
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  it('suggests the next one a week later, or the first weekly repeat after now', async () => {
    const { mentor, mentees } = await castOf(h, 2);
    const session = await publishedBy(h, mentor, { menteeIds: [mentees[0]!.id] });
    succeeded(
      await api.enrol({ actor: actorOf(mentees[1]!), input: { sessionId: session.session.id } }),
    );
    const soon = succeeded(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'clone', sessionId: session.session.id },
      }),
    );
    expect(soon).toMatchObject({
      mode: 'clone',
      editable: ['start', 'end'],
      publishes: true,
      values: {
        start: { date: '2027-01-25', time: '11:00' },
        end: { date: '2027-01-25', time: '12:00' },
      },
    });
    expect(soon.values.menteeIds).toEqual(expect.arrayContaining([mentees[0]!.id, mentees[1]!.id]));

    // Right after it ended: a week after it, not two (the old Slack default).
    h.clock.set('2027-01-18T11:05:00Z');
    try {
      const justEnded = succeeded(
        await api.sessionForm({
          actor: actorOf(mentor),
          input: { mode: 'clone', sessionId: session.session.id },
        }),
      );
      expect(justEnded.values.start).toEqual({ date: '2027-01-25', time: '11:00' });
      // Long after: the first weekly repeat still ahead (the old Teams default lay in the past).
      h.clock.set('2027-02-03T09:00:00Z');
      const later = succeeded(
        await api.sessionForm({
          actor: actorOf(mentor),
          input: { mode: 'clone', sessionId: session.session.id },
        }),
      );
      expect(later.values.start).toEqual({ date: '2027-02-08', time: '11:00' });
      const cloned = succeeded(
        await api.cloneSession({
          actor: actorOf(mentor),
          input: {
            sessionId: session.session.id,
            start: later.values.start,
            end: later.values.end,
          },
        }),
      );
      expect(cloned.session.status).toBe('published');
    } finally {
      h.clock.set(TEST_NOW);
    }
  });

  it('refuses to clone a draft, and offers a draft meeting form that publishes', async () => {
    const { mentor } = await castOf(h, 0, { config: { defaultMeetingPlatform: 'zoom' } });
    const draft = await draftBy(h, mentor);
    errorOf(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'clone', sessionId: draft.session.id },
      }),
      ErrorCode.NotEditable,
    );
    const meeting = succeeded(
      await api.sessionForm({
        actor: actorOf(mentor),
        input: { mode: 'meeting', sessionId: draft.session.id },
      }),
    );
    expect(meeting).toMatchObject({ publishes: true, values: { meeting: { platform: 'zoom' } } });
    errorOf(
      await api.sessionForm({ actor: actorOf(mentor), input: { mode: 'edit' } }),
      ErrorCode.Validation,
    );
  });

  it('answers an edit with the session, its version and its meeting: no second read', async () => {
    const { mentor } = await castOf(h, 0);
    const session = await publishedBy(h, mentor, {
      meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
    });
    const edited = succeeded(
      await api.editSession({
        actor: actorOf(mentor),
        input: { sessionId: session.session.id, version: session.version, title: 'Renamed' },
      }),
    );
    expect(edited.session.title).toBe('Renamed');
    expect(edited.version).toBe(session.version + 1);
    expect(edited.meeting).toEqual({
      platform: 'gmeet',
      url: 'https://meet.google.com/abc-defg-hij',
    });
    expect(edited.session.actions).toEqual(expect.arrayContaining(['editSession', 'cloneSession']));
  });
});

describe('the profile, request and settings forms', () => {
  it('checks the mentor profile permission before the form, as saving does', async () => {
    const workspace = await createWorkspace(h, {
      config: { selfServeMentors: false, defaultMeetingPlatform: 'whatsapp' },
    });
    const installer = await createPerson(h, workspace, { userId: 'UINSTALLER', name: 'Ines' });
    await h.deps.people.addRole(installer.id, 'admin', TEST_NOW);
    const person = await createPerson(h, workspace);
    const refused = errorOf(
      await api.mentorProfileForm({ actor: actorOf(person) }),
      ErrorCode.FeatureOff,
    );
    expect(refused.message).toContain('Ines');

    const mentor = await createPerson(h, workspace, { roles: ['mentor'] });
    const form = succeeded(await api.mentorProfileForm({ actor: actorOf(mentor) }));
    expect(form).toMatchObject({
      becomesMentor: false,
      defaults: { meetingPlatform: 'whatsapp' },
      values: { headline: 'Mentor', meetingPlatform: 'bigbluebutton' },
    });

    const open = await createWorkspace(h, { config: { defaultMeetingPlatform: 'gmeet' } });
    const newcomer = await createPerson(h, open);
    const fresh = succeeded(await api.mentorProfileForm({ actor: actorOf(newcomer) }));
    expect(fresh).toMatchObject({
      becomesMentor: true,
      values: { headline: '', meetingPlatform: 'gmeet', availability: [] },
    });
    const mentee = succeeded(await api.menteeProfileForm({ actor: actorOf(newcomer) }));
    expect(mentee.values).toEqual({ interests: [], lookingForMentor: false });
  });

  it('refuses a request form that would fail: switched off, asked already, not a mentor', async () => {
    const { mentor, mentees, workspace } = await castOf(h, 2);
    const form = succeeded(
      await api.requestForm({ actor: actorOf(mentees[0]!), input: { kind: 'session' } }),
    );
    expect(form.kind === 'session' && form.mentors.map((m) => m.mentor.id)).toContain(mentor.id);
    const forOne = succeeded(
      await api.requestForm({
        actor: actorOf(mentees[1]!),
        input: { kind: 'session', mentorId: mentor.id },
      }),
    );
    expect(forOne).toMatchObject({
      kind: 'session',
      mentor: { id: mentor.id, name: 'Mia Mentor' },
      mentors: [{ mentor: { id: mentor.id }, actions: ['viewMentorProfile', 'requestSession'] }],
    });
    succeeded(
      await api.requestSession({ actor: actorOf(mentees[0]!), input: { mentorId: mentor.id } }),
    );
    errorOf(
      await api.requestForm({
        actor: actorOf(mentees[0]!),
        input: { kind: 'session', mentorId: mentor.id },
      }),
      ErrorCode.Conflict,
    );
    errorOf(
      await api.requestForm({
        actor: actorOf(mentees[1]!),
        input: { kind: 'offer', menteeId: mentees[0]!.id },
      }),
      ErrorCode.Forbidden,
    );
    const offer = succeeded(
      await api.requestForm({
        actor: actorOf(mentor),
        input: { kind: 'offer', menteeId: mentees[1]!.id },
      }),
    );
    expect(offer).toMatchObject({ kind: 'offer', mentee: { id: mentees[1]!.id } });

    await h.deps.workspaces.saveConfig(
      workspace.id,
      { ...workspace.config, menteeRequests: false },
      TEST_NOW,
    );
    errorOf(
      await api.requestForm({ actor: actorOf(mentees[1]!), input: { kind: 'session' } }),
      ErrorCode.FeatureOff,
    );
  });

  it('gives admins the settings form with its choices, and nobody else', async () => {
    const workspace = await createWorkspace(h);
    const admin = await createPerson(h, workspace, { roles: ['admin'] });
    const form = succeeded(await api.settingsForm({ actor: actorOf(admin) }));
    expect(form.choices.roles).toEqual(['mentor', 'sessionManager', 'admin']);
    expect(form.config.defaultSeatLimit).toBe(10);
    const other = await createPerson(h, workspace);
    errorOf(await api.settingsForm({ actor: actorOf(other) }), ErrorCode.Forbidden);
  });

  it('builds the home with what each person may start from it', async () => {
    const { mentor, mentees } = await castOf(h, 1);
    const mine = succeeded(await api.home({ actor: actorOf(mentor) }));
    expect(mine.actions).toEqual([
      'createSession',
      'findMentor',
      'requestSession',
      'findMentees',
      'viewIncomingRequests',
    ]);
    expect(mine.incoming).toEqual([]);
    expect(mine.settings).toBeUndefined();
    const theirs = succeeded(await api.home({ actor: actorOf(mentees[0]!) }));
    expect(theirs.actions).toEqual(['findMentor', 'requestSession']);
    expect(theirs.incoming).toBeUndefined();
    expect(theirs.sessions.actions).toEqual([]);
  });
});
