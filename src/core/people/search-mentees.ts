import { z } from 'zod';
import { menteeHitActions } from '../actions.js';
import { fail, forbidden, ok, type Result } from '../errors.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import { tagChips } from '../views.js';
import { requireFeature } from '../workspaces/features.js';
import { isMentor } from './person.js';
import type { MenteeSearchResult } from './profile.views.js';
import { searchText } from './search-text.js';

const schema = z
  .object({
    tag: z
      .string({ error: 'The interest must be text.' })
      .trim()
      .max(40, { error: 'An interest is at most 40 characters.' })
      .optional(),
    text: searchText.optional(),
    limit: z.number().int().min(1).max(50).default(25),
  })
  .default({ limit: 25 });

/** How many of the mentor's open requests are read to mark results; more is not expected. */
const OPEN_REQUESTS_READ = 1000;

/** A mentor's search of mentees, and why nobody can be offered mentoring when that is off. */
export interface MenteeSearchView {
  readonly results: MenteeSearchResult[];
  /**
   * docs/product.md#switched-off-features: with mentor requests off, the one sentence saying
   * *I want to mentor you!* is turned off here (the results then offer it nowhere).
   */
  readonly notice?: string;
}

/**
 * docs/product.md#mentee-profile-and-search: mentors search mentees who are looking for a
 * mentor, by interest tag and/or free text. Each result says whether *I want to mentor you!*
 * may be pressed.
 */
export function searchMentees(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<MenteeSearchView>> {
  return runQuery(deps, request, schema, async ({ actor, workspace, input }) => {
    if (!isMentor(actor)) {
      return fail(forbidden('Only mentors can search mentees. Set up your mentor profile first.'));
    }
    const [mentees, open] = await Promise.all([
      deps.people.searchMentees({
        workspaceId: workspace.id,
        ...(input.tag ? { tag: input.tag } : {}),
        ...(input.text ? { text: input.text } : {}),
        excludeId: actor.id,
        limit: input.limit,
      }),
      deps.requests.find({
        workspaceId: workspace.id,
        mentorId: actor.id,
        statuses: ['pending'],
        limit: OPEN_REQUESTS_READ,
      }),
    ]);
    const withOpenRequest = new Set(open.map((r) => r.menteeId));
    const results = mentees.map(
      (mentee): MenteeSearchResult => ({
        mentee: summaryOf(mentee),
        interests: tagChips(mentee.menteeProfile.interests),
        timeZone: mentee.timeZone,
        openRequest: withOpenRequest.has(mentee.id),
        actions: menteeHitActions({
          mentee,
          viewer: actor,
          switches: workspace.config,
          openRequest: withOpenRequest.has(mentee.id),
        }),
      }),
    );
    const off = requireFeature(workspace, 'mentorRequests');
    return ok({ results, ...(off ? { notice: off.message } : {}) });
  });
}
