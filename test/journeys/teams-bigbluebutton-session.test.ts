import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import { eventually, joinUrlOf, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 points 4, 6 and 8 on Teams. Grace (mentor, New York) publishes a session on
 * BigBlueButton and invites Alan (London) and Priya (Kolkata). Alan enrols; Priya never
 * answers. The BigBlueButton server is a stand-in that checks every call's checksum.
 */
const MIN = 60_000;

let tenant: TeamsTenant;
let grace: TeamsPerson;
let alan: TeamsPerson;
let priya: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-bbb-journey');
  grace = await tenant.joins('Grace Hopper', 'America/New_York');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
  priya = await tenant.joins('Priya Raman', 'Asia/Kolkata');
  expect(
    await grace.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'bigbluebutton',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

const runJob = (name: string, data: Record<string, unknown>) =>
  tenant.h.app.jobs.agenda.now(name, data);

describe('Teams: a BigBlueButton session from publication to Live', () => {
  it('Grace publishes, Alan enrols and is reminded with the true time left, both join as who they are', async () => {
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/New_York'), 2);
    const form = await grace.opensDialog({ verb: 'session.create' });
    // BigBlueButton is offered, and chosen unless Grace picks another platform.
    expect(JSON.stringify(form)).toContain('BigBlueButton');
    expect(
      await grace.submitsDialog({
        verb: 'session.create',
        title: 'Compilers 101',
        startDate: day,
        startTime: '09:00',
        endDate: day,
        endTime: '10:00',
        seatLimit: '3',
        menteeIds: `${alan.id},${priya.id}`,
        meetingPlatform: 'bigbluebutton',
        publish: 'yes',
      }),
    ).toBeUndefined();
    const [session] = await tenant.h.core.sessions.find({
      workspaceId: 'teams:tenant-bbb-journey',
      mentorId: grace.id,
      limit: 1,
    });
    const sessionId = session?.id as string;
    const startsAt = session?.startsAt as Date;
    await eventually(() =>
      expect(tenant.h.bbb.meetings.get(sessionId)).toMatchObject({ name: 'Compilers 101' }),
    );

    // Alan's invitation has Enroll and, days ahead, no Join.
    const invitation = await alan.cardSaying('invited you to a session');
    expect(joinUrlOf(invitation)).toBeUndefined();
    await priya.cardSaying('invited you to a session');
    await alan.presses(invitation, 'session.enrol', { sessionId });
    await alan.cardSaying('You are enrolled.');

    // The 24-hour reminder, 14 hours before: "starts in 14 hours", to Grace and Alan; Priya
    // is asked once to answer her invitation.
    tenant.clock.set(new Date(startsAt.getTime() - 14 * 60 * MIN));
    await runJob(JobName.reminder, { sessionId, minutesBefore: 1440 });
    const reminder = await alan.cardSaying('Reminder: starts in 14 hours.');
    expect(joinUrlOf(reminder)).toBeUndefined();
    await grace.cardSaying('Reminder: starts in 14 hours.');
    const ask = await priya.cardSaying('which starts in 14 hours. Enroll to take part.');
    expect(ask.text).toContain('"verb":"session.enrol"');
    tenant.clock.set(new Date(startsAt.getTime() - 15 * MIN));
    await runJob(JobName.reminder, { sessionId, minutesBefore: 15 });
    await alan.cardSaying('Reminder: starts in 15 minutes.');
    expect(priya.chat().filter((c) => c.text.includes('Enroll to take part'))).toHaveLength(1);
    expect(priya.chat().some((c) => c.text.includes('Reminder:'))).toBe(false);

    // "my sessions" 11 minutes before: no Join; 10 minutes before: Join, each their own.
    tenant.clock.set(new Date(startsAt.getTime() - 11 * MIN));
    await alan.says('my sessions');
    expect(joinUrlOf(await alan.cardSaying('Compilers 101'))).toBeUndefined();
    tenant.clock.set(new Date(startsAt.getTime() - 10 * MIN));
    await alan.says('my sessions');
    await grace.says('my sessions');
    const alanLink = await eventually(() => {
      const url = joinUrlOf(alan.chat().at(-1) as never);
      expect(url).toBeDefined();
      return url as string;
    });
    const graceLink = joinUrlOf(grace.chat().at(-1) as never) as string;
    expect(await tenant.h.bbb.join(alanLink)).toEqual({
      ok: true,
      role: 'VIEWER',
      fullName: 'Alan Turing',
    });
    expect(await tenant.h.bbb.join(graceLink)).toEqual({
      ok: true,
      role: 'MODERATOR',
      fullName: 'Grace Hopper',
    });
    const forged = alanLink.replace('role=VIEWER', 'role=MODERATOR');
    expect(await tenant.h.bbb.join(forged)).toEqual({ ok: false, error: 'checksumError' });
    await priya.says('my sessions');
    expect(joinUrlOf(priya.chat().at(-1) as never)).toBeUndefined();

    // Live: the room is opened again; Grace and Alan get their own Join, Priya nothing.
    const priyaBefore = priya.chat().length;
    tenant.clock.set(startsAt);
    await runJob(JobName.live, { sessionId });
    const live = await alan.cardSaying('Your session is live.');
    expect(await tenant.h.bbb.join(joinUrlOf(live) as string)).toMatchObject({ role: 'VIEWER' });
    await grace.cardSaying('Your session is live.');
    expect(tenant.h.bbb.meetings.get(sessionId)?.creates).toBe(2);
    tenant.clock.set(new Date(startsAt.getTime() + 60 * MIN));
    await runJob(JobName.completed, { sessionId });
    await alan.cardSaying('Thank you for taking part!');
    await grace.cardSaying('Thank you for taking part!');
    await new Promise((r) => setTimeout(r, 300));
    expect(priya.chat().slice(priyaBefore)).toEqual([]);
  }, 120_000);
});
