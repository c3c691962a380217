import type { Collection, Db, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServerError, recordCommands } from '../../testing/commands.js';
import { type AnyDoc, type TestDatabase, useTestDatabase } from '../../testing/db.js';

let t: TestDatabase;
let db: Db;
let orders: Collection<AnyDoc>;
let customers: Collection<AnyDoc>;

beforeAll(async () => {
  t = await useTestDatabase();
  db = t.db;
  orders = db.collection<AnyDoc>('orders');
  customers = db.collection<AnyDoc>('customers');
  await customers.insertMany([
    { _id: 'c1', name: 'Ann', city: 'Oslo' },
    { _id: 'c2', name: 'Bob', city: 'Rome' },
    { _id: 'c3', name: 'Cat', city: 'Oslo' },
  ]);
  await orders.insertMany([
    { _id: 1, customer: 'c1', total: 10, items: ['pen', 'ink'], status: 'paid' },
    { _id: 2, customer: 'c1', total: 30, items: ['book'], status: 'paid' },
    { _id: 3, customer: 'c2', total: 5, items: [], status: 'open' },
    { _id: 4, customer: 'c2', total: 25, items: ['pen'], status: 'paid' },
    { _id: 5, customer: 'c9', total: 7, items: ['ink', 'pad'], status: 'paid' },
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe('aggregate', () => {
  it('$match then $sort then $project', async () => {
    const docs = await orders
      .aggregate([
        { $match: { status: 'paid', total: { $gte: 10 } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, id: '$_id', doubled: { $multiply: ['$total', 2] } } },
      ])
      .toArray();
    expect(docs).toEqual([
      { id: 2, doubled: 60 },
      { id: 4, doubled: 50 },
      { id: 1, doubled: 20 },
    ]);
  });

  it('$group with accumulators', async () => {
    const docs = await orders
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: '$customer',
            spent: { $sum: '$total' },
            count: { $sum: 1 },
            biggest: { $max: '$total' },
            average: { $avg: '$total' },
            ids: { $push: '$_id' },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: 'c1', spent: 40, count: 2, biggest: 30, average: 20, ids: [1, 2] },
      { _id: 'c2', spent: 30, count: 2, biggest: 25, average: 15, ids: [3, 4] },
      { _id: 'c9', spent: 7, count: 1, biggest: 7, average: 7, ids: [5] },
    ]);
  });

  it('$group with _id null summarises the whole collection', async () => {
    const docs = await orders
      .aggregate([{ $group: { _id: null, total: { $sum: '$total' }, n: { $sum: 1 } } }])
      .toArray();
    expect(docs).toEqual([{ _id: null, total: 77, n: 5 }]);
  });

  it('$unwind emits one document per array element and drops empty arrays', async () => {
    const docs = await orders
      .aggregate([
        { $unwind: '$items' },
        { $group: { _id: '$items', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: 'ink', n: 2 },
      { _id: 'pen', n: 2 },
      { _id: 'book', n: 1 },
      { _id: 'pad', n: 1 },
    ]);
    const kept = await orders
      .aggregate([
        { $match: { _id: 3 } },
        { $unwind: { path: '$items', preserveNullAndEmptyArrays: true } },
      ])
      .toArray();
    expect(kept).toEqual([{ _id: 3, customer: 'c2', total: 5, status: 'open' }]);
  });

  it('$lookup joins the matching documents of another collection', async () => {
    const docs = await customers
      .aggregate([
        { $lookup: { from: 'orders', localField: '_id', foreignField: 'customer', as: 'orders' } },
        { $project: { name: 1, orderIds: '$orders._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: 'c1', name: 'Ann', orderIds: [1, 2] },
      { _id: 'c2', name: 'Bob', orderIds: [3, 4] },
      { _id: 'c3', name: 'Cat', orderIds: [] },
    ]);
  });

  it('$lookup with an array localField matches any of its elements', async () => {
    const teams = db.collection<AnyDoc>('teams');
    await teams.insertOne({ _id: 't1', members: ['c1', 'c3', 'nobody'] });
    const [team] = await teams
      .aggregate([
        {
          $lookup: { from: 'customers', localField: 'members', foreignField: '_id', as: 'people' },
        },
        { $project: { names: '$people.name' } },
      ])
      .toArray();
    expect([...(team!.names as string[])].sort()).toEqual(['Ann', 'Cat']);
  });

  it('$lookup then $unwind keeps orders without a customer out', async () => {
    const docs = await orders
      .aggregate([
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'c' } },
        { $unwind: '$c' },
        { $group: { _id: '$c.city', total: { $sum: '$total' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: 'Oslo', total: 40 },
      { _id: 'Rome', total: 30 },
    ]);
  });

  it('$count, $skip and $limit', async () => {
    expect(
      await orders.aggregate([{ $match: { status: 'paid' } }, { $count: 'paid' }]).toArray(),
    ).toEqual([{ paid: 4 }]);
    expect(
      await orders.aggregate([{ $match: { status: 'none' } }, { $count: 'n' }]).toArray(),
    ).toEqual([]);
    const page = await orders
      .aggregate([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }])
      .toArray();
    expect(page).toEqual([{ _id: 2 }, { _id: 3 }]);
  });

  it('$addFields, $set and $unset stages', async () => {
    const docs = await orders
      .aggregate([
        { $match: { _id: 1 } },
        { $addFields: { n: { $size: '$items' } } },
        { $set: { big: { $gt: ['$total', 5] } } },
        { $unset: ['items', 'status'] },
      ])
      .toArray();
    expect(docs).toEqual([{ _id: 1, customer: 'c1', total: 10, n: 2, big: true }]);
  });

  it('batches results over 101 documents and fetches the rest with getMore', async () => {
    const big = db.collection<AnyDoc>('big');
    await big.insertMany(Array.from({ length: 230 }, (_, i) => ({ _id: i, g: i % 2 })));
    const log = recordCommands(t.client);
    const docs = await big.aggregate([{ $match: { g: 0 } }, { $sort: { _id: -1 } }]).toArray();
    const withBatch = await big.aggregate([{ $sort: { _id: 1 } }], { batchSize: 50 }).toArray();
    log.stop();
    expect(docs).toHaveLength(115);
    expect(docs[0]?._id).toBe(228);
    expect(withBatch.map((d) => d._id)).toEqual(Array.from({ length: 230 }, (_, i) => i));
    const replies = log.succeeded.filter((e) => e.commandName === 'aggregate');
    expect((replies[0]!.reply as Document).cursor.firstBatch).toHaveLength(101);
    expect((replies[1]!.reply as Document).cursor.firstBatch).toHaveLength(50);
    expect(log.names().filter((n) => n === 'getMore').length).toBeGreaterThanOrEqual(2);
  });

  it('$facet runs several pipelines over the same input', async () => {
    const [result] = await orders
      .aggregate([
        {
          $facet: {
            byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(result).toEqual({
      byStatus: [
        { _id: 'open', n: 1 },
        { _id: 'paid', n: 4 },
      ],
      top: [{ _id: 2 }],
    });
  });

  it('$first after $sort, $addToSet and a compound group key', async () => {
    const docs = await orders
      .aggregate([
        { $sort: { total: -1 } },
        {
          $group: {
            _id: { customer: '$customer', status: '$status' },
            biggestOrder: { $first: '$_id' },
            statuses: { $addToSet: '$status' },
          },
        },
        { $sort: { '_id.customer': 1, '_id.status': 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: { customer: 'c1', status: 'paid' }, biggestOrder: 2, statuses: ['paid'] },
      { _id: { customer: 'c2', status: 'open' }, biggestOrder: 3, statuses: ['open'] },
      { _id: { customer: 'c2', status: 'paid' }, biggestOrder: 4, statuses: ['paid'] },
      { _id: { customer: 'c9', status: 'paid' }, biggestOrder: 5, statuses: ['paid'] },
    ]);
  });

  it('$replaceRoot promotes a sub-document', async () => {
    const docs = await customers
      .aggregate([
        { $match: { _id: 'c1' } },
        { $replaceRoot: { newRoot: { who: '$name', where: '$city' } } },
      ])
      .toArray();
    expect(docs).toEqual([{ who: 'Ann', where: 'Oslo' }]);
  });

  it('$lookup with let and a sub-pipeline', async () => {
    const docs = await customers
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [
              {
                $match: {
                  $expr: { $and: [{ $eq: ['$customer', '$$cid'] }, { $gte: ['$total', 20] }] },
                },
              },
              { $project: { _id: 1 } },
            ],
            as: 'bigOrders',
          },
        },
        { $sort: { _id: 1 } },
        { $project: { bigOrders: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([
      { _id: 'c1', bigOrders: [{ _id: 2 }] },
      { _id: 'c2', bigOrders: [{ _id: 4 }] },
      { _id: 'c3', bigOrders: [] },
    ]);
  });

  it('common expressions: $cond, $ifNull, $toLower, $dateToString, $size, $in', async () => {
    const events = db.collection<AnyDoc>('expr');
    await events.insertOne({
      _id: 1,
      name: 'MiXeD',
      at: new Date(Date.UTC(2024, 1, 29, 13, 5, 9)),
      tags: ['a', 'b'],
      n: 7,
    });
    const [doc] = await events
      .aggregate([
        {
          $project: {
            _id: 0,
            lower: { $toLower: '$name' },
            day: { $dateToString: { format: '%Y-%m-%d %H:%M:%S', date: '$at' } },
            odd: { $cond: [{ $eq: [{ $mod: ['$n', 2] }, 1] }, 'odd', 'even'] },
            fallback: { $ifNull: ['$missing', 'none'] },
            tagCount: { $size: '$tags' },
            hasB: { $in: ['b', '$tags'] },
            year: { $year: '$at' },
          },
        },
      ])
      .toArray();
    expect(doc).toEqual({
      lower: 'mixed',
      day: '2024-02-29 13:05:09',
      odd: 'odd',
      fallback: 'none',
      tagCount: 2,
      hasB: true,
      year: 2024,
    });
  });

  it('an unknown pipeline stage is rejected and named', async () => {
    await expectServerError(orders.aggregate([{ $notAStage: {} }]).toArray(), {
      messageIncludes: ['$notAStage'],
    });
  });

  it('an unknown expression operator is rejected and named', async () => {
    await expectServerError(
      orders.aggregate([{ $project: { x: { $notAnExpression: ['$total'] } } }]).toArray(),
      { messageIncludes: ['$notAnExpression'] },
    );
  });
});
