import { z } from 'zod';
import { fail, forbidden, ok, type Result } from '../errors.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import type { PersonSummary } from '../views.js';
import { isMentor, isSessionManager } from './person.js';
import { searchText } from './search-text.js';

const schema = z
  .object({
    text: searchText.default(''),
    limit: z.number().int().min(1).max(100).default(15),
  })
  .default({ text: '', limit: 15 });

/**
 * People of the workspace by name, for the invite picker of a session form
 * (docs/product.md#enrolment: mentees are invited to sessions): anyone the product knows in the
 * workspace, not only mentees looking for a mentor. Only those who may create sessions
 * (mentors, session managers) look people up; the actor is left out.
 */
export function findPeople(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<{ people: PersonSummary[] }>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input }) => {
    if (!isMentor(actor) && !isSessionManager(actor)) {
      return fail(forbidden('Only mentors and session managers can invite people.'));
    }
    const people = await deps.people.searchByName(workspace.id, input.text, input.limit, actor.id);
    return ok({ people: people.map(summaryOf) });
  });
}
