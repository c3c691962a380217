import type { Person } from '../../../src/core/people/person.js';
import {
  type CreateAndPublishInput,
  createAndPublishSession,
  createSession,
} from '../../../src/core/sessions/create.js';
import type { SessionResult } from '../../../src/core/sessions/results.js';
import type { Workspace } from '../../../src/core/workspaces/workspace.js';
import { actorOf, type CoreHarness, createPerson, createWorkspace } from '../../helpers/core.js';
import { succeeded } from './mentorship.fixtures.js';

/** A week after TEST_NOW, 10:00-11:00 UTC. */
export const NEXT_WEEK = { start: '2027-01-18T10:00:00Z', end: '2027-01-18T11:00:00Z' };

/** A valid create form; override any field. */
export function buildSessionInput(
  overrides: Partial<CreateAndPublishInput> = {},
): CreateAndPublishInput {
  return {
    title: 'Intro to code review',
    description: 'How we review, and why.',
    start: NEXT_WEEK.start,
    end: NEXT_WEEK.end,
    ...overrides,
  };
}

export interface SessionCast {
  workspace: Workspace;
  /** A mentor with no other role. */
  mentor: Person;
  /** A session manager who is also a mentor. */
  manager: Person;
  /** Another mentor of the workspace, for the mentors field. */
  otherMentor: Person;
  mentees: Person[];
}

/** A fresh workspace with a mentor, a session manager, another mentor and `mentees` mentees. */
export async function castOf(
  h: CoreHarness,
  mentees = 3,
  config: Parameters<typeof createWorkspace>[1] = {},
): Promise<SessionCast> {
  const workspace = await createWorkspace(h, config);
  const mentor = await createPerson(h, workspace, { name: 'Mia Mentor', roles: ['mentor'] });
  const manager = await createPerson(h, workspace, {
    name: 'Sam Manager',
    roles: ['mentor', 'sessionManager'],
  });
  const otherMentor = await createPerson(h, workspace, { name: 'Olu Mentor', roles: ['mentor'] });
  const list: Person[] = [];
  for (let i = 0; i < mentees; i++) {
    list.push(
      await createPerson(h, workspace, {
        name: `Mentee ${String(i).padStart(2, '0')}`,
        email: `mentee${i}@example.com`,
      }),
    );
  }
  return { workspace, mentor, manager, otherMentor, mentees: list };
}

export async function publishedBy(
  h: CoreHarness,
  person: Person,
  overrides: Partial<CreateAndPublishInput> = {},
): Promise<SessionResult> {
  return succeeded(
    await createAndPublishSession(h.deps, {
      actor: actorOf(person),
      input: buildSessionInput(overrides),
    }),
  );
}

export async function draftBy(
  h: CoreHarness,
  person: Person,
  overrides: Partial<CreateAndPublishInput> = {},
): Promise<SessionResult> {
  return succeeded(
    await createSession(h.deps, { actor: actorOf(person), input: buildSessionInput(overrides) }),
  );
}
