import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog.js';
import { Collection } from '../../src/collection.js';
import { compileFilter } from '../../src/mingo.js';
import { expireDocuments } from '../../src/ttl.js';

function people(n: number): Collection {
  const collection = new Collection('test', 'people');
  collection.addIndex({ v: 2, key: { email: 1 }, name: 'email_1', unique: true });
  collection.addIndex({ v: 2, key: { tags: 1 }, name: 'tags_1' });
  collection.addIndex({ v: 2, key: { team: 1, role: 1 }, name: 'team_1_role_1' });
  for (let i = 0; i < n; i++) {
    collection.insert({
      _id: new ObjectId(),
      email: `u${i}@example.com`,
      tags: [`t${i % 7}`, `t${i % 11}`],
      team: `team${i % 10}`,
      role: i % 3 === 0 ? 'mentor' : 'mentee',
      profile: { zone: i % 2 ? 'Europe/Berlin' : 'Asia/Kolkata' },
    });
  }
  return collection;
}

const count = (docs: Iterable<unknown>) => [...docs].length;

describe('index use', () => {
  const collection = people(10_000);

  it('answers an indexed equality lookup without scanning the collection', () => {
    expect(count(collection.candidates({ email: 'u42@example.com' }))).toBe(1);
    expect(count(collection.candidates({ email: { $eq: 'u42@example.com' } }))).toBe(1);
    expect(
      count(collection.candidates({ email: { $in: ['u1@example.com', 'u2@example.com'] } })),
    ).toBe(2);
    expect(count(collection.candidates({ team: 'team3', role: 'mentor' }))).toBeLessThan(400);
  });

  it('scans when no index covers the filter', () => {
    expect(count(collection.candidates({ 'profile.zone': 'Asia/Kolkata' }))).toBe(10_000);
    expect(count(collection.candidates({ role: 'mentor' }))).toBe(10_000);
    expect(count(collection.candidates({ email: /u4/ }))).toBe(10_000);
  });

  it('gives the same results with and without the index', () => {
    const filters = [
      { email: 'u42@example.com' },
      { tags: 't3' },
      { tags: { $in: ['t1', 't5'] }, role: 'mentor' },
      { team: 'team3', role: 'mentee' },
      { team: 'team3', role: { $in: ['mentor'] } },
      { email: 'nobody@example.com' },
      { email: null },
    ];
    const all = [...collection.docs.values()];
    for (const filter of filters) {
      const expected = all
        .filter(compileFilter(filter))
        .map((d) => d.email)
        .sort();
      const actual = collection
        .find(filter)
        .map((d) => d.email)
        .sort();
      expect(actual, JSON.stringify(filter)).toEqual(expected);
    }
  });
});

describe('partial and sparse indexes', () => {
  const requests = new Collection('test', 'requests');
  requests.addIndex({
    v: 2,
    key: { menteeId: 1, mentorId: 1 },
    name: 'open_pair',
    unique: true,
    partialFilterExpression: { status: 'pending' },
  });
  requests.addIndex({ v: 2, key: { code: 1 }, name: 'code_1', sparse: true });
  for (let i = 0; i < 2_000; i++)
    requests.insert({
      _id: i,
      menteeId: `e${i % 50}`,
      mentorId: `m${Math.floor(i / 50)}`,
      status: i % 4 === 0 ? 'pending' : 'declined',
      ...(i % 2 === 0 ? { code: `c${i}` } : {}),
    });
  const all = [...requests.docs.values()];

  it('uses a partial index only when the filter repeats its partial filter expression', () => {
    const pendingPair = { menteeId: 'e0', mentorId: 'm0', status: 'pending' };
    expect(count(requests.candidates(pendingPair))).toBe(1);
    expect(count(requests.candidates({ ...pendingPair, status: { $eq: 'pending' } }))).toBe(1);
    // Other statuses are not in the index: it cannot answer for them.
    expect(count(requests.candidates({ menteeId: 'e0', mentorId: 'm0' }))).toBe(2_000);
    expect(count(requests.candidates({ ...pendingPair, status: 'declined' }))).toBe(2_000);
    expect(
      count(requests.candidates({ ...pendingPair, status: { $in: ['pending', 'declined'] } })),
    ).toBe(2_000);
  });

  it('uses a sparse index only for non-null values', () => {
    expect(count(requests.candidates({ code: 'c10' }))).toBe(1);
    expect(count(requests.candidates({ code: null }))).toBe(2_000);
  });

  it('gives the same results with and without the index', () => {
    for (const filter of [
      { menteeId: 'e4', mentorId: 'm0', status: 'pending' },
      { menteeId: 'e1', mentorId: 'm0', status: 'pending' },
      { menteeId: 'e1', mentorId: 'm0' },
      { code: 'c10' },
      { code: null },
    ]) {
      const expected = all.filter(compileFilter(filter)).map((d) => d._id);
      const actual = requests.find(filter).map((d) => d._id);
      expect(actual.sort(), JSON.stringify(filter)).toEqual(expected.sort());
    }
  });
});

describe('unique indexes', () => {
  it('rejects a duplicate and leaves the collection unchanged', () => {
    const collection = people(10);
    const before = collection.docs.size;
    expect(() => collection.insert({ _id: 1, email: 'u3@example.com' })).toThrow(/E11000/);
    expect(collection.docs.size).toBe(before);
    expect(count(collection.candidates({ _id: 1 }))).toBe(0);
  });

  it('a partial unique index only constrains the documents it covers', () => {
    const collection = new Collection('test', 'requests');
    collection.addIndex({
      v: 2,
      key: { mentee: 1, mentor: 1 },
      name: 'open_pair',
      unique: true,
      partialFilterExpression: { status: 'pending' },
    });
    collection.insert({ _id: 1, mentee: 'a', mentor: 'b', status: 'declined' });
    collection.insert({ _id: 2, mentee: 'a', mentor: 'b', status: 'declined' });
    collection.insert({ _id: 3, mentee: 'a', mentor: 'b', status: 'pending' });
    expect(() =>
      collection.insert({ _id: 4, mentee: 'a', mentor: 'b', status: 'pending' }),
    ).toThrow(/E11000/);
    // Moving the pending one out of the filter frees the key.
    collection.replace(collection.docs.get('n3')!, {
      _id: 3,
      mentee: 'a',
      mentor: 'b',
      status: 'scheduled',
    });
    collection.insert({ _id: 4, mentee: 'a', mentor: 'b', status: 'pending' });
    expect(collection.docs.size).toBe(4);
  });
});

describe('TTL', () => {
  it('removes documents whose indexed date is older than expireAfterSeconds', () => {
    const catalog = new Catalog();
    const { collection } = catalog.ensure('test', 'keys');
    collection.addIndex({ v: 2, key: { at: 1 }, name: 'at_1', expireAfterSeconds: 60 });
    const now = Date.parse('2027-03-14T12:00:00Z');
    collection.insert({ _id: 'old', at: new Date(now - 61_000) });
    collection.insert({ _id: 'fresh', at: new Date(now - 10_000) });
    collection.insert({ _id: 'no-date', at: 'yesterday' });
    expect(expireDocuments(catalog, now)).toBe(1);
    expect([...collection.docs.values()].map((d) => d._id).sort()).toEqual(['fresh', 'no-date']);
  });
});
