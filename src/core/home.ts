import { type ActionKind, homeActions } from './actions.js';
import { fail, ok, type Result } from './errors.js';
import { getMyProfile } from './people/my-profile.js';
import { isAdmin, isMentor } from './people/person.js';
import type { MyProfileView } from './people/profile.views.js';
import { incomingRequests, myMentorshipRequests } from './requests/list-requests.js';
import type { IncomingRequestItem, MyRequestItem } from './requests/request.view.js';
import { type MySessions, mySessions } from './sessions/my-sessions.js';
import type { Actor, CoreDeps } from './usecase.js';
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

export async function home(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<HomeView>> {
  const { actor } = request;
  const profile = await getMyProfile(deps, { actor });
  if (!profile.ok) return profile;
  const roles = { roles: profile.value.roles };
  const [sessions, mine, incoming, settings] = await Promise.all([
    mySessions(deps, { actor, input: request.input ?? {} }),
    myMentorshipRequests(deps, { actor }),
    isMentor(roles) ? incomingRequests(deps, { actor }) : undefined,
    isAdmin(roles) ? getWorkspaceSettings(deps, { actor }) : undefined,
  ]);
  if (!sessions.ok) return sessions;
  if (!mine.ok) return fail(mine.error);
  if (incoming && !incoming.ok) return fail(incoming.error);
  if (settings && !settings.ok) return fail(settings.error);
  return ok({
    sessions: sessions.value,
    profile: profile.value,
    myRequests: mine.value.requests,
    ...(incoming ? { incoming: incoming.value.requests } : {}),
    ...(settings ? { settings: settings.value } : {}),
    actions: homeActions(roles),
  });
}
