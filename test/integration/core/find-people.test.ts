import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import { findPeople } from '../../../src/core/people/find-people.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  useCore,
} from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

describe('people by name, for the invite picker (docs/product.md#enrolment)', () => {
  it('finds anyone of the workspace by part of their name, by name, without the mentor', async () => {
    const workspace = await createWorkspace(h);
    const other = await createWorkspace(h);
    const mentor = await createPerson(h, workspace, { name: 'Grace Hopper', roles: ['mentor'] });
    await createPerson(h, workspace, { name: 'Ada Lovelace' });
    await createPerson(h, workspace, { name: 'Alan Turing' });
    await createPerson(h, workspace, { name: 'Katherine (Kay) Johnson' });
    await createPerson(h, other, { name: 'Ada Elsewhere' });

    const find = (input: object) => findPeople(h.deps, { actor: actorOf(mentor), input });
    const names = async (input: object) => succeeded(await find(input)).people.map((p) => p.name);

    expect(await names({})).toEqual(['Ada Lovelace', 'Alan Turing', 'Katherine (Kay) Johnson']);
    expect(await names({ text: 'a', limit: 2 })).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(await names({ text: 'ADA' })).toEqual(['Ada Lovelace']);
    // Typed text is matched literally, never as a pattern.
    expect(await names({ text: '(Kay)' })).toEqual(['Katherine (Kay) Johnson']);
    expect(await names({ text: '.*' })).toEqual([]);
    expect(await names({ text: 'Grace' })).toEqual([]);
  });

  it('is for those who can create sessions, and refuses bad input with a field error', async () => {
    const workspace = await createWorkspace(h);
    const mentee = await createPerson(h, workspace, { name: 'Joan Clarke' });
    const mentor = await createPerson(h, workspace, { name: 'Grace', roles: ['mentor'] });
    errorOf(await findPeople(h.deps, { actor: actorOf(mentee), input: {} }), ErrorCode.Forbidden);
    const tooLong = errorOf(
      await findPeople(h.deps, { actor: actorOf(mentor), input: { text: 'x'.repeat(101) } }),
      ErrorCode.Validation,
    );
    expect(tooLong.fields.text).toBe('Keep the search to 100 characters or fewer.');
  });
});
