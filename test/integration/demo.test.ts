import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookSlot } from '../../src/core/booking/book-slot.js';
import { freeSlots } from '../../src/core/booking/free-slots.js';
import { type Person, personIdOf, workspaceIdOf } from '../../src/core/people/person.js';
import { sessionForm } from '../../src/core/sessions/form.js';
import { ADMIN, type DEMO_PEOPLE, DEMO_TENANT, MENTEES, MENTORS } from '../../src/demo/people.js';
import { playgroundConfig } from '../../src/demo/playground.js';
import { type DemoSummary, seedDemoWorkspace } from '../../src/demo/seed.js';
import { type CoreHarness, useCore } from '../helpers/core.js';

const idOf = (person: (typeof DEMO_PEOPLE)[number]) =>
  personIdOf('teams', DEMO_TENANT, person.identity.userId);

describe('the demo workspace', () => {
  let h: CoreHarness;
  let summary: DemoSummary | undefined;
  beforeAll(async () => {
    // As `npm start` runs it: no BigBlueButton server (BBB_URL unset).
    h = await useCore({ rooms: undefined });
    summary = await seedDemoWorkspace(h.deps);
  });
  afterAll(() => h.close());

  it('has an admin, three mentors with availability in three zones, and five mentees', async () => {
    expect(summary).toMatchObject({ people: 9, sessions: 3, requests: 2 });
    const admin = await h.deps.people.get(idOf(ADMIN));
    expect(admin?.roles).toContain('admin');
    const mentors = await Promise.all(
      Object.values(MENTORS).map((m) => h.deps.people.get(idOf(m))),
    );
    for (const mentor of mentors) {
      expect(mentor?.roles).toContain('mentor');
      expect(mentor?.mentorProfile?.availability.length).toBeGreaterThan(0);
    }
    expect(new Set(mentors.map((m) => m?.timeZone))).toEqual(
      new Set(['America/New_York', 'Europe/London', 'Asia/Kolkata']),
    );
    const mentees = await Promise.all(
      Object.values(MENTEES).map((m) => h.deps.people.get(idOf(m))),
    );
    expect(mentees.filter((m) => m?.menteeProfile?.lookingForMentor)).toHaveLength(2);
  });

  it('has published sessions: one starting within the hour and one full', async () => {
    const sessions = await h.database.db.collection('sessions').find({}).toArray();
    expect(sessions).toHaveLength(3);
    expect(sessions.every((s) => s.status === 'published')).toBe(true);
    const now = h.clock.now().getTime();
    const soon = sessions.filter((s) => (s.startsAt as Date).getTime() - now <= 60 * 60_000);
    expect(soon).toHaveLength(1);
    const full = sessions.filter((s) => s.enrolledIds.length === s.seatLimit);
    expect(full).toHaveLength(1);
    // Jobs (reminders, live, completed) were scheduled through the core, as for any session.
    expect(h.scheduler.calls.filter((c) => c.type === 'scheduled')).toHaveLength(3);
  });

  it('has an open request for a mentor and a pending offer for a mentee, both notified', async () => {
    const requests = await h.database.db.collection('requests').find({}).toArray();
    expect(requests.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['menteeToMentor', 'pending'],
      ['mentorToMentee', 'pending'],
    ]);
    expect(h.notifier.to(idOf(MENTORS.priya)).map((n) => n.kind)).toEqual(['requestReceived']);
    expect(h.notifier.to(idOf(MENTEES.megan)).map((n) => n.kind)).toEqual(['mentorOffer']);
  });

  it('lets a mentee book each demo mentor without a BigBlueButton server', async () => {
    const workspace = await h.deps.workspaces.get(workspaceIdOf('teams', DEMO_TENANT));
    const megan = (await h.deps.people.get(idOf(MENTEES.megan))) as Person;
    for (const demo of Object.values(MENTORS)) {
      const mentor = (await h.deps.people.get(idOf(demo))) as Person;
      expect(mentor.mentorProfile?.meetingPlatform).toBe('gmeet');
      const [slot] = await freeSlots(h.deps, { mentor, workspace: workspace!, now: h.clock.now() });
      expect(slot, `${demo.handle} has a free slot`).toBeDefined();
      const booked = await bookSlot(h.deps, {
        actor: { personId: megan.id },
        input: { mentorId: mentor.id, startsAt: slot!.startsAt.toISOString() },
      });
      expect(booked.ok ? booked.value.session.title : booked.error.message).toBe(
        `Mentoring: ${mentor.displayName} & ${megan.displayName}`,
      );
    }
  });

  it("offers a demo mentor's new session on a platform this server has", async () => {
    const form = await sessionForm(h.deps, {
      actor: { personId: idOf(MENTORS.priya) },
      input: { mode: 'create' },
    });
    expect(form.ok && form.value.defaults.meetingPlatform).toBe('gmeet');
    expect(form.ok && form.value.choices.meetingPlatforms).not.toContain('bigbluebutton');
  });

  it('is seeded once: a second run changes nothing', async () => {
    expect(await seedDemoWorkspace(h.deps)).toBeUndefined();
    expect(await h.database.db.collection('sessions').countDocuments({ type: 'public' })).toBe(3);
  });
});

describe('the playground configuration', () => {
  it('acts as the demo person, in the demo tenant, within the schema limit of five other users', () => {
    const yaml = playgroundConfig(MENTEES.megan);
    expect(yaml).toContain(`tenantId: ${DEMO_TENANT}`);
    const current = yaml.slice(yaml.indexOf('currentUser:'), yaml.indexOf('users:'));
    expect(current).toContain(`aadObjectId: ${MENTEES.megan.identity.userId}`);
    expect(current).toContain('name: Megan Bowen');
    const users = yaml.slice(yaml.indexOf('users:'), yaml.indexOf('personalChat:'));
    expect(users.match(/- id:/g)).toHaveLength(5);
    expect(users).not.toContain(MENTEES.megan.identity.userId);
  });
});
