import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InboxEntry,
  inboxIndexes,
  MongoInbox,
} from '../../src/adapters/mongo/inbox.repository.js';
import { ensureIndexes } from '../../src/adapters/mongo/indexes.js';
import { type TestDatabase, useTestDatabase } from '../helpers/db.js';

/**
 * The inbox sends what one event-loop turn asks as one command (a burst's records, the
 * keys marked done, the lane questions); each caller still gets its own outcome.
 */
describe('inbox batches', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase('inbox-batches');
    await ensureIndexes(database.db, inboxIndexes);
  });
  afterAll(() => database?.close());

  const entry = (key: string, lane: string, at: number) => ({
    _id: key,
    platform: 'slack' as const,
    lane,
    payload: `{"n":"${key}"}`,
    receivedAt: new Date(at),
  });

  it('records a burst in one turn; a double click in the same turn is one entry', async () => {
    // Its own client, to count the commands it sends.
    const client = await new MongoClient(database.uri, { monitorCommands: true }).connect();
    const sent: string[] = [];
    client.on('commandStarted', (event) => sent.push(event.commandName));
    const inbox = new MongoInbox(client.db(database.db.databaseName), 10_000);
    const outcomes = await Promise.all([
      inbox.record(entry('b1', 'ada', 1_000)),
      inbox.record(entry('b2', 'ada', 2_000)),
      inbox.record(entry('b1', 'ada', 1_001)),
      inbox.record(entry('b3', 'raj', 3_000)),
    ]);
    expect(outcomes).toEqual(['recorded', 'recorded', 'duplicate', 'recorded']);
    expect(sent).toEqual(['insert']);
    // A later retry of a recorded one is a duplicate too.
    expect(await inbox.record(entry('b2', 'ada', 4_000))).toBe('duplicate');
    const stored = await database.db
      .collection<InboxEntry>('inbox')
      .find({ _id: { $in: ['b1', 'b2', 'b3'] } })
      .sort({ _id: 1 })
      .toArray();
    expect(
      stored.map((e) => [e._id, e.state, e.owner === inbox.owner, e.receivedAt.getTime()]),
    ).toEqual([
      ['b1', 'pending', true, 1_000],
      ['b2', 'pending', true, 2_000],
      ['b3', 'pending', true, 3_000],
    ]);

    await Promise.all([inbox.done('b1'), inbox.done('b3'), inbox.done('b1')]);
    expect(sent.filter((name) => name === 'update')).toHaveLength(1);
    expect(await inbox.pending()).toBe(1);
    await client.close();
  });

  it('tells, for each question of a turn, whether another instance holds earlier work of that person', async () => {
    const here = new MongoInbox(database.db, 10_000);
    const there = new MongoInbox(database.db, 10_000);
    await Promise.all([
      there.record(entry('t1', 'grace', 10_000)),
      here.record(entry('h1', 'grace', 11_000)),
      here.record(entry('h2', 'linus', 12_000)),
    ]);
    const answers = await Promise.all([
      here.heldElsewhereInLane('grace', new Date(11_000)),
      here.heldElsewhereInLane('grace', new Date(9_000)),
      here.heldElsewhereInLane('linus', new Date(13_000)),
      there.heldElsewhereInLane('grace', new Date(11_500)),
      there.heldElsewhereInLane('grace', new Date(10_500)),
    ]);
    expect(answers).toEqual([true, false, false, true, false]);
    // Done is done: no longer held by anyone.
    await there.done('t1');
    expect(await here.heldElsewhereInLane('grace', new Date(11_000))).toBe(false);
  });
});
