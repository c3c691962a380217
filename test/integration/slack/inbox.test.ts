import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRY_AGAIN } from '../../../src/adapters/forms/index.js';
import { INBOX_COLLECTION, MongoInbox } from '../../../src/adapters/mongo/inbox.repository.js';
import { personIdOf } from '../../../src/core/people/person.js';
import { createAndPublishSession } from '../../../src/core/sessions/index.js';
import { blockActions, slashCommand, TEAM } from '../../fixtures/slack/payloads.js';
import { inDays, type SlackService, SlackStub, startSlackService } from './harness.js';

/**
 * The durable inbox on Slack: every click and command is recorded before its ack, marked
 * done in the transaction of the command it runs, and worked again by a live instance when
 * the one that answered it died.
 */

const USERS = { UMENTOR: { name: 'Ada' }, UM1: { name: 'Grace' }, UM2: { name: 'Alan' } };
const id = (user: string) => personIdOf('slack', TEAM.id, user);

let service: SlackService;
let slack: SlackStub | undefined;
beforeAll(async () => {
  // A short lease, so that a dead instance's work is taken over quickly here.
  service = await startSlackService({}, { inbox: { leaseMs: 1_000 } });
  await service.seed('UMENTOR', { name: 'Ada', roles: ['mentor'] });
  for (const u of ['UM1', 'UM2']) await service.seed(u, { name: u });
});
afterAll(() => service.stop());
afterEach(() => {
  slack?.close();
  slack = undefined;
  vi.restoreAllMocks();
});

const inbox = () => service.app.database.db.collection(INBOX_COLLECTION);
const owners = () => service.app.database.db.collection('inbox_owners');

async function publishedSession(seatLimit = 5) {
  const day = inDays(9);
  const result = await createAndPublishSession(service.core, {
    actor: { personId: id('UMENTOR') },
    input: {
      title: 'Inbox hours',
      start: { date: day, time: '10:00' },
      end: { date: day, time: '11:00' },
      seatLimit,
    },
  });
  if (!result.ok) throw result.error;
  return result.value.session.id;
}

const enrolOnHome = (user: string, sessionId: string, hash = 'h1') =>
  blockActions({
    user,
    actionId: 'session.enrol',
    value: sessionId,
    view: { id: `VHOME${user}${sessionId}`, type: 'home', hash },
  });

const enrolled = async (sessionId: string) =>
  (await service.core.sessions.get(sessionId))?.enrolledIds ?? [];

async function settled() {
  await vi.waitFor(async () => expect(await service.app.inbox?.pending()).toBe(0), {
    timeout: 10_000,
    interval: 50,
  });
}

describe('the durable inbox on Slack', () => {
  it('records a click before its ack and marks it done in the enrolment transaction', async () => {
    const sessionId = await publishedSession();
    slack = new SlackStub(USERS);
    slack.expect('views.publish');
    // The mark after the work fails: only the one inside the command's transaction counts.
    const after = vi.spyOn(MongoInbox.prototype, 'done').mockRejectedValue(new Error('down'));
    const res = await service.send(enrolOnHome('UM1', sessionId));
    expect(res.status).toBe(200);
    await slack.done();
    await vi.waitFor(() => expect(after).toHaveBeenCalled(), { timeout: 5_000 });
    const entries = await inbox()
      .find({ lane: `slack:${TEAM.id}:UM1` })
      .toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ platform: 'slack', state: 'done' });
    expect(entries[0]?.payload).toBeUndefined();
    expect(await enrolled(sessionId)).toEqual([id('UM1')]);
  });

  it('keeps a double click as one entry, applied once', async () => {
    const sessionId = await publishedSession();
    slack = new SlackStub(USERS);
    slack.expect('views.publish').expect('views.publish');
    const first = service.send(enrolOnHome('UM2', sessionId));
    const second = service.send(enrolOnHome('UM2', sessionId));
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    await slack.done();
    await settled();
    const keys = await inbox().countDocuments({ _id: { $regex: sessionId } } as never);
    expect(keys).toBe(1);
    expect(await enrolled(sessionId)).toEqual([id('UM2')]);
  });

  it("works a dead instance's click once it is gone, once, and not before", async () => {
    const sessionId = await publishedSession();
    const signed = enrolOnHome('UM1', sessionId, 'h-dead');
    const body = JSON.parse(new URLSearchParams(signed.body).get('payload') as string);
    const entry = {
      _id: `left-by-a-dead-instance-${sessionId}`,
      platform: 'slack' as const,
      lane: `slack:${TEAM.id}:UM1`,
      payload: JSON.stringify(body),
      receivedAt: new Date(Date.now() - 5_000),
      state: 'pending' as const,
      owner: 'an-instance-about-to-die',
      attempts: 1,
    };
    await owners().insertOne({
      _id: entry.owner,
      aliveUntil: new Date(Date.now() + 60_000),
    } as never);
    await inbox().insertOne(entry as never);
    await service.app.inbox?.sweep();
    // Its owner is alive (its heartbeat is recent): not taken.
    expect(await enrolled(sessionId)).toEqual([]);
    // Its heartbeat runs out: it died.
    await owners().updateOne({ _id: entry.owner } as never, {
      $set: { aliveUntil: new Date(Date.now() - 1) },
    });
    slack = new SlackStub(USERS);
    slack.expect('views.publish');
    await service.app.inbox?.sweep();
    await slack.done();
    await settled();
    expect(await enrolled(sessionId)).toEqual([id('UM1')]);
    expect(await inbox().findOne({ _id: entry._id } as never)).toMatchObject({
      state: 'done',
      attempts: 2,
    });
    // Swept again: nothing left to do, nothing applied twice.
    await service.app.inbox?.sweep();
    expect(await enrolled(sessionId)).toEqual([id('UM1')]);
  });

  it("applies a person's click after their earlier one that a dead instance left", async () => {
    const first = await publishedSession();
    const second = await publishedSession();
    const signed = enrolOnHome('UM2', first, 'h-order');
    const body = JSON.parse(new URLSearchParams(signed.body).get('payload') as string);
    // Received a second ago by an instance that died; its heartbeat runs out in 1.5 s.
    await owners().insertOne({
      _id: `dying-${first}`,
      aliveUntil: new Date(Date.now() + 1_500),
    } as never);
    await inbox().insertOne({
      _id: `left-in-order-${first}`,
      platform: 'slack',
      lane: `slack:${TEAM.id}:UM2`,
      payload: JSON.stringify(body),
      receivedAt: new Date(Date.now() - 1_000),
      state: 'pending',
      owner: `dying-${first}`,
      attempts: 1,
    } as never);
    slack = new SlackStub(USERS);
    slack.expect('views.publish').expect('views.publish');
    expect((await service.send(enrolOnHome('UM2', second, 'h-order-2'))).status).toBe(200);
    await slack.done(10_000);
    await settled();
    expect(await enrolled(first)).toEqual([id('UM2')]);
    expect(await enrolled(second)).toEqual([id('UM2')]);
    // The earlier click was applied first, though the later one reached a live instance.
    const applied = async (sessionId: string) =>
      (
        await service.app.database.db
          .collection('idempotency')
          .findOne({ _id: { $regex: sessionId } } as never)
      )?.createdAt as Date;
    expect((await applied(first)).getTime()).toBeLessThanOrEqual((await applied(second)).getTime());
  });

  it('asks to try again, and works nothing, when the click cannot be recorded in time', async () => {
    const sessionId = await publishedSession();
    // The database takes the record only after the answer was given up on.
    let land = () => {};
    const landed = new Promise<void>((resolve) => {
      land = resolve;
    });
    const record = MongoInbox.prototype.record;
    vi.spyOn(MongoInbox.prototype, 'record').mockImplementation(async function (
      this: MongoInbox,
      entry,
    ) {
      await landed;
      return record.call(this, entry);
    });
    const started = Date.now();
    const click = await service.send(enrolOnHome('UM2', sessionId, 'h-late'));
    expect(click.status).toBe(503);
    const command = await service.send(slashCommand({ command: '/my-sessions', user: 'UM2' }));
    expect(command.status).toBe(200);
    expect(await command.json()).toEqual({ response_type: 'ephemeral', text: TRY_AGAIN });
    // Each gave up on its record after about two seconds: inside Slack's three.
    expect(Date.now() - started).toBeLessThan(2 * 2_900);
    land();
    // The records land late; they are abandoned, never worked.
    await vi.waitFor(
      async () =>
        expect(
          await inbox().countDocuments({ _id: { $regex: ':UM2:' }, state: 'abandoned' } as never),
        ).toBe(2),
      { timeout: 10_000, interval: 50 },
    );
    await service.app.inbox?.sweep();
    expect(await enrolled(sessionId)).toEqual([]);
  });
});
