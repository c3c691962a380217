import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsUser } from '../fixtures/teams/activities.js';
import { type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 20 on Teams: the mentee list's CSV has its e-mail column filled from the
 * Teams roster, or has none. Grace (mentor, New York) runs two sessions. Ada's account has
 * an e-mail, Alan's only his sign-in name (userPrincipalName), Carol is a guest whose sign-in
 * name is no address, and Priya's account says nothing. The bot asks the roster once per
 * person, when they install it.
 */
const TENANT = 'tenant-csv-email';
let tenant: TeamsTenant;
let grace: TeamsPerson;
let ada: TeamsPerson;
let alan: TeamsPerson;
let carol: TeamsPerson;
let priya: TeamsPerson;

/** Someone whose Teams account (as the roster has it) is `account`, opening the app. */
async function joinsWith(name: string, zone: string, account: Record<string, unknown>) {
  const user = teamsUser(name, TENANT, zone);
  tenant.h.roster.set(user.aadObjectId, { name, ...account });
  return tenant.joins(name, zone, user);
}

beforeAll(async () => {
  tenant = await TeamsTenant.start(TENANT);
  grace = await joinsWith('Grace Hopper', 'America/New_York', {
    email: 'grace@contoso.example',
  });
  ada = await joinsWith('Ada Lovelace', 'Europe/London', { email: 'ada@contoso.example' });
  alan = await joinsWith('Alan Turing', 'Europe/London', {
    userPrincipalName: 'alan.turing@contoso.example',
  });
  carol = await joinsWith('Carol Shaw', 'America/Los_Angeles', {
    userPrincipalName: 'carol_shaw.example#EXT#@contoso.onmicrosoft.com',
  });
  priya = await joinsWith('Priya Raman', 'Asia/Kolkata', {});
  expect(
    await grace.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    }),
  ).toBeUndefined();
});
afterAll(() => tenant?.stop());

/** Grace creates and publishes a session with these mentees invited; its id. */
async function sessionInviting(title: string, mentees: TeamsPerson[]): Promise<string> {
  const day = new Date(tenant.clock.now().getTime() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
  expect(
    await grace.submitsDialog({
      verb: 'session.create',
      title,
      startDate: day,
      startTime: '09:00',
      endDate: day,
      endTime: '10:00',
      seatLimit: '5',
      menteeIds: mentees.map((m) => m.id).join(','),
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
      publish: 'yes',
    }),
  ).toBeUndefined();
  const all = await tenant.h.core.sessions.find({ workspaceId: `teams:${TENANT}`, limit: 10 });
  return all.find((s) => s.title === title)?.id as string;
}

/** Grace opens the session's *Mentee list* and follows its *Download CSV* link. */
async function downloadsCsv(sessionId: string): Promise<string[]> {
  const dialog = await grace.opensDialog({ verb: 'session.mentees', sessionId });
  const link = JSON.stringify(dialog).match(
    /"url":"https:\/\/mentorbot\.test(\/downloads\/[^"]+)"/,
  );
  expect(link, 'no Download CSV link').not.toBeNull();
  const res = await fetch(`${tenant.h.url}${link?.[1]}`);
  expect(res.status).toBe(200);
  return (await res.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
}

describe('Teams: the mentee list CSV has e-mails from the roster, or no e-mail column', () => {
  it('fills the column with what the roster says, blank only for whom it says nothing', async () => {
    const sessionId = await sessionInviting('Parsing clinic', [ada, alan, carol]);
    expect(await downloadsCsv(sessionId)).toEqual([
      'Name,Email,Status',
      'Ada Lovelace,ada@contoso.example,invited',
      'Alan Turing,alan.turing@contoso.example,invited',
      'Carol Shaw,,invited',
    ]);
  }, 60_000);

  it('leaves the column out when nobody on the list has an e-mail', async () => {
    const sessionId = await sessionInviting('Linker office hours', [carol, priya]);
    expect(await downloadsCsv(sessionId)).toEqual([
      'Name,Status',
      'Carol Shaw,invited',
      'Priya Raman,invited',
    ]);
  }, 60_000);

  it('asks the roster about each person once, not on every message', async () => {
    await ada.says('help');
    await ada.says('my sessions');
    await ada.cardSaying('My mentoring sessions');
    const reads = tenant.h.rosterReads.filter((id) => id === ada.user.aadObjectId);
    expect(reads).toHaveLength(1);
  }, 60_000);
});
