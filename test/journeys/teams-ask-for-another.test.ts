import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import { JobName } from '../../src/jobs/names.js';
import { eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 13 on Teams. Alan (mentee, London) took part in Grace's "Parsing clinic"
 * (Grace: mentor, New York). When it has ended he asks for another session like it from the
 * thank-you card; Grace gets the request with the session named and books the next one, a
 * week on, in one press; Alan is told his request was scheduled.
 */
const TENANT = 'tenant-another';
const WEEK = 7 * 24 * 3600_000;

let tenant: TeamsTenant;
let grace: TeamsPerson;
let alan: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start(TENANT);
  grace = await tenant.joins('Grace Hopper', 'America/New_York');
  alan = await tenant.joins('Alan Turing', 'Europe/London');
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

/** The data of the button on `card` whose verb (or data.verb) is `verb`. */
// biome-ignore lint/suspicious/noExplicitAny: a card as rendered
function dataOf(card: any, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (o.verb === verb || data?.verb === verb) found = data ?? {};
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  expect(found, `no ${verb} button`).toBeDefined();
  return found as Record<string, unknown>;
}

describe('Teams: a mentee asks for another session like this one', () => {
  it('from the ended session; the mentor books the next one in one press', async () => {
    const day = addLocalDays(localDateOf(tenant.clock.now(), 'America/New_York'), 2);
    expect(
      await grace.submitsDialog({
        verb: 'session.create',
        title: 'Parsing clinic',
        startDate: day,
        startTime: '09:00',
        endDate: day,
        endTime: '10:00',
        seatLimit: '3',
        menteeIds: alan.id,
        meetingPlatform: 'gmeet',
        meetingUrl: 'https://meet.google.com/abc-defg-hij',
        publish: 'yes',
      }),
    ).toBeUndefined();
    const [session] = await tenant.h.core.sessions.find({
      workspaceId: `teams:${TENANT}`,
      limit: 1,
    });
    const sessionId = session?.id as string;
    const invitation = await alan.cardSaying('invited you to a session');
    await alan.presses(invitation, 'session.enrol', { sessionId });
    await alan.cardSaying('You are enrolled.');

    tenant.clock.set(session?.endsAt as Date);
    await tenant.h.app.jobs.agenda.now(JobName.completed, { sessionId });
    const ended = await alan.cardSaying('Thank you for taking part!');
    const ask = dataOf(ended.card, 'request.new');
    expect(ask).toMatchObject({ mentorId: grace.id, sessionId });
    const form = await alan.opensDialog(ask);
    expect(JSON.stringify(form)).toContain('Another session like Parsing clinic.');
    const send = dataOf(form, 'request.new');
    expect(
      await alan.submitsDialog({ ...send, mentorId: grace.id, message: 'Same time next week?' }),
    ).toBeUndefined();

    // Grace: the request names the session; one press books the next one.
    const request = await grace.cardSaying('for another session like Parsing clinic');
    expect(request.text).toContain('Same time next week?');
    expect(request.text).toContain('"verb":"session.create"');
    await grace.presses(request, 'request.clone', dataOf(request.card, 'request.clone'));
    await grace.cardSaying('The next session is booked.');
    const all = await tenant.h.core.sessions.find({ workspaceId: `teams:${TENANT}`, limit: 10 });
    const next = all.find((s) => s.clonedFrom === sessionId);
    expect(next?.startsAt.getTime()).toBe(
      (session as { startsAt: Date }).startsAt.getTime() + WEEK,
    );

    const scheduled = await alan.cardSaying('scheduled a session for your request');
    expect(scheduled.text).toContain('Parsing clinic');
    await eventually(() =>
      expect(alan.chat().filter((c) => c.text.includes('invited you to a session'))).toHaveLength(
        1,
      ),
    );
  }, 120_000);
});
