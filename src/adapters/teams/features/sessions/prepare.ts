import { findPeople } from '../../../../core/people/find-people.js';
import type { Person } from '../../../../core/people/person.js';
import { searchMentees } from '../../../../core/people/search-mentees.js';
import { menteeList } from '../../../../core/sessions/index.js';
import type { CoreDeps } from '../../../../core/usecase.js';
import type { SessionFormContext } from './forms.js';

/** People listed in a session form's invite picker (a card stays small enough to send). */
const INVITE_CHOICES = 100;

/** What the create and edit session forms show besides the values: choices and defaults. */
export async function formContext(
  core: CoreDeps,
  person: Person,
  mode: 'create' | 'edit',
  hidden: Record<string, string | number>,
  extra: Partial<SessionFormContext> = {},
): Promise<SessionFormContext> {
  // The vocabulary and default seat limit are workspace data the form shows, not rules.
  const workspace = await core.workspaces.get(person.workspaceId);
  const actor = { personId: person.id };
  const [looking, invited, everyone] = await Promise.all([
    searchMentees(core, { actor, input: { limit: 50 } }),
    typeof hidden.sessionId === 'string'
      ? menteeList(core, { actor, input: { sessionId: hidden.sessionId } })
      : Promise.resolve(undefined),
    findPeople(core, { actor, input: { limit: INVITE_CHOICES } }),
  ]);
  // Invited already first (kept selected), then mentees looking for a mentor, then anyone
  // else of the workspace by name: one list the mentor filters by typing.
  const choices = new Map<string, string>();
  if (invited?.ok) {
    for (const m of invited.value.mentees) if (m.status === 'invited') choices.set(m.id, m.name);
  }
  if (looking.ok) for (const r of looking.value.results) choices.set(r.mentee.id, r.mentee.name);
  if (everyone.ok)
    for (const p of everyone.value.people)
      if (choices.size < INVITE_CHOICES) choices.set(p.id, p.name);
  return {
    menteeChoices: [...choices].map(([value, title]) => ({ title, value })),
    mode,
    vocabularies: workspace?.config.vocabularies ?? {
      recommendedFor: [],
      categories: [],
      medium: [],
    },
    canChooseType: person.roles.includes('sessionManager'),
    hidden,
    timeZone: person.timeZone,
    defaultSeatLimit: workspace?.config.defaultSeatLimit,
    ...extra,
  };
}
