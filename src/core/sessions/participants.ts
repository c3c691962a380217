import { isMentor, type Person, type PersonId } from '../people/person.js';
import type { CoreDeps } from '../usecase.js';
import type { Workspace } from '../workspaces/workspace.js';

/**
 * Checks the people a form names: mentors must hold the mentor role in the workspace;
 * invited mentees must be people of the workspace and not mentors of the same session.
 * Each check answers with the form field to show its message on.
 */

type Problem = { field: string; message: string };

async function peopleOfWorkspace(
  deps: CoreDeps,
  workspace: Workspace,
  ids: readonly PersonId[],
): Promise<{ found: Person[]; missing: boolean }> {
  const found = (await deps.people.getMany(ids)).filter((p) => p.workspaceId === workspace.id);
  return { found, missing: found.length !== ids.length };
}

export async function checkMentors(
  deps: CoreDeps,
  workspace: Workspace,
  ids: readonly PersonId[],
): Promise<Problem | undefined> {
  const { found, missing } = await peopleOfWorkspace(deps, workspace, ids);
  if (missing) {
    return { field: 'mentorIds', message: 'We could not find one of the mentors you picked.' };
  }
  const notMentor = found.find((p) => !isMentor(p));
  if (notMentor) {
    return {
      field: 'mentorIds',
      message: `${notMentor.displayName} is not a mentor in this workspace.`,
    };
  }
  return undefined;
}

export async function checkMentees(
  deps: CoreDeps,
  workspace: Workspace,
  menteeIds: readonly PersonId[],
  mentorIds: readonly PersonId[],
): Promise<Problem | undefined> {
  if (menteeIds.some((id) => mentorIds.includes(id))) {
    return {
      field: 'menteeIds',
      message: 'A mentor of the session cannot also be invited as a mentee.',
    };
  }
  const { missing } = await peopleOfWorkspace(deps, workspace, menteeIds);
  if (missing) {
    return { field: 'menteeIds', message: 'We could not find one of the mentees you picked.' };
  }
  return undefined;
}
