import { z } from 'zod';
import { type ActionKind, homeActions } from './actions.js';
import { fail, ok, type Result } from './errors.js';
import { myProfileView } from './people/my-profile.js';
import { isAdmin, isMentor } from './people/person.js';
import type { MyProfileView } from './people/profile.views.js';
import { incomingRequests, myMentorshipRequests } from './requests/list-requests.js';
import type { IncomingRequestItem, MyRequestItem } from './requests/request.view.js';
import { type MySessions, mySessions } from './sessions/my-sessions.js';
import { type Actor, type CoreDeps, runQuery } from './usecase.js';
import { getWorkspaceSettings, type WorkspaceSettingsView } from './workspaces/settings.js';

/**
 * The person's home (docs/product.md#app-home: the Slack App Home, the Teams profile and lists): their sessions,
 * their requests as a mentee, the requests waiting for them as a mentor, their profile, the
 * settings for admins, and what they may start from there.
 */
export interface HomeView {
  readonly sessions: MySessions;
  readonly profile: MyProfileView;
  /** *My mentorship requests* (the mentee side). */
  readonly myRequests: readonly MyRequestItem[];
  /** Mentees' requests waiting for this mentor; mentors only. */
  readonly incoming?: readonly IncomingRequestItem[];
  /** Admins only. */
  readonly settings?: WorkspaceSettingsView;
  /** `createSession`, `findMentor`, `findMentees`, `viewIncomingRequests`, `editSettings`, ... */
  readonly actions: readonly ActionKind[];
}

export function home(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<HomeView>> {
  const { actor } = request;
  // The person and their workspace first: the actions depend on its switches.
  return runQuery(
    deps,
    { actor, input: {} },
    z.object({}),
    async ({ actor: person, workspace }) => {
      const profile = myProfileView(person, workspace);
      const [sessions, mine, incoming, settings] = await Promise.all([
        mySessions(deps, { actor, input: request.input ?? {} }),
        myMentorshipRequests(deps, { actor }),
        isMentor(person) ? incomingRequests(deps, { actor }) : undefined,
        isAdmin(person) ? getWorkspaceSettings(deps, { actor }) : undefined,
      ]);
      if (!sessions.ok) return sessions;
      if (!mine.ok) return fail(mine.error);
      if (incoming && !incoming.ok) return fail(incoming.error);
      if (settings && !settings.ok) return fail(settings.error);
      return ok({
        sessions: sessions.value,
        profile,
        myRequests: mine.value.requests,
        ...(incoming ? { incoming: incoming.value.requests } : {}),
        ...(settings ? { settings: settings.value } : {}),
        actions: homeActions(person, workspace.config),
      });
    },
  );
}
