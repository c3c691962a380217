import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INBOX_COLLECTION } from '../../../src/adapters/mongo/inbox.repository.js';
import { createAndPublishSession } from '../../../src/core/sessions/index.js';
import {
  botAdded,
  cardAction,
  message,
  personIdOf,
  teamsUser,
} from '../../fixtures/teams/activities.js';
import { startTeams, type TeamsHarness } from './harness.js';

/**
 * The durable inbox on Teams: messages and card buttons are recorded before their 200 and
 * done once worked; one left by an instance that died is worked again by a live one, once.
 */

const TENANT = 'tenant-inbox';
const mentor = teamsUser('Ada Lovelace', TENANT);
const mentee = teamsUser('Grace Hopper', TENANT);

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams({}, { inbox: { leaseMs: 1_000 } });
  await h.post(botAdded(mentor));
  await h.post(botAdded(mentee));
  await h.core.people.addRole(personIdOf(mentor), 'mentor', new Date());
});
afterAll(() => h?.stop());

const inbox = () => h.app.database.db.collection(INBOX_COLLECTION);
const settled = () =>
  vi.waitFor(async () => expect(await h.app.inbox?.pending()).toBe(0), {
    timeout: 10_000,
    interval: 50,
  });

async function publishedSession() {
  const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
  const result = await createAndPublishSession(h.core, {
    actor: { personId: personIdOf(mentor) },
    input: {
      title: 'Inbox hours',
      start: { date: day, time: '10:00' },
      end: { date: day, time: '11:00' },
      seatLimit: 5,
    },
  });
  if (!result.ok) throw result.error;
  return result.value.session.id;
}

describe('the durable inbox on Teams', () => {
  it('records a message and a card button before answering, and marks both done', async () => {
    const sessionId = await publishedSession();
    const help = message(mentee, 'help');
    expect((await h.post(help)).status).toBe(200);
    const enrol = cardAction(mentee, 'session.enrol', { sessionId }, 'card-inbox-1');
    expect((await h.post(enrol)).status).toBe(200);
    await settled();
    const entries = await inbox()
      .find({ _id: { $in: [`teams:${help.id}`, `teams:${enrol.id}`] } } as never)
      .toArray();
    expect(entries.map((e) => e.state)).toEqual(['done', 'done']);
    expect((await h.core.sessions.get(sessionId))?.enrolledIds).toEqual([personIdOf(mentee)]);
  });

  it("works a dead instance's card button once it is gone, once", async () => {
    const sessionId = await publishedSession();
    const enrol = cardAction(mentee, 'session.enrol', { sessionId }, 'card-inbox-2');
    await inbox().insertOne({
      _id: `teams:${enrol.id}`,
      platform: 'teams',
      lane: `teams:${TENANT}:${mentee.aadObjectId}`,
      payload: JSON.stringify(enrol),
      receivedAt: new Date(),
      state: 'pending',
      owner: 'a-dead-instance',
      attempts: 1,
    } as never);
    const updates = h.calls.length;
    await h.app.inbox?.sweep();
    await settled();
    expect((await h.core.sessions.get(sessionId))?.enrolledIds).toEqual([personIdOf(mentee)]);
    // The card it was pressed on is replaced with the outcome, as after a live press.
    await vi.waitFor(() =>
      expect(JSON.stringify(h.calls.slice(updates))).toContain('You are enrolled.'),
    );
    // The same activity delivered again (Teams' retry): one entry, still one seat.
    expect((await h.post(enrol)).status).toBe(200);
    await settled();
    expect(await inbox().countDocuments({ _id: `teams:${enrol.id}` } as never)).toBe(1);
    expect((await h.core.sessions.get(sessionId))?.enrolledIds).toHaveLength(1);
  });
});
