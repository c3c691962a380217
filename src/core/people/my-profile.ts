import { z } from 'zod';
import { myProfileActions } from '../actions.js';
import { ok, type Result } from '../errors.js';
import { summaryOf } from '../sessions/card.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import type { Workspace } from '../workspaces/workspace.js';
import type { Person } from './person.js';
import type { MyProfileView } from './profile.views.js';

export function myProfileView(person: Person, workspace: Workspace): MyProfileView {
  return {
    person: summaryOf(person),
    timeZone: person.timeZone,
    ...(person.timeZoneFrom === 'workspace' ? { zoneIsDefault: true as const } : {}),
    roles: ['mentee', ...person.roles.filter((r) => r !== 'mentee')],
    ...(person.mentorProfile ? { mentorProfile: person.mentorProfile } : {}),
    menteeProfile: person.menteeProfile,
    actions: myProfileActions(person, workspace.config),
  };
}

/** The acting person's own profile, for the profile forms and the App Home. */
export function getMyProfile(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<MyProfileView>> {
  return runQuery(
    deps,
    { actor: request.actor, input: request.input ?? {} },
    z.object({}),
    async ({ actor, workspace }) => ok(myProfileView(actor, workspace)),
  );
}
