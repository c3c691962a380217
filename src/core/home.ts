import { z } from 'zod';
import { type ActionKind, homeActions, myProfileActions } from './actions.js';
import { fail, ok, type Result } from './errors.js';
import { offsetSchema, type PageInfo } from './paging.js';
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
  /** This page of *My mentorship requests* (the mentee side). */
  readonly myRequests: readonly MyRequestItem[];
  readonly myRequestsPage: PageInfo;
  /** This page of mentees' requests waiting for this mentor; mentors only. */
  readonly incoming?: readonly IncomingRequestItem[];
  readonly incomingPage?: PageInfo;
  /** Where each list of this Home stands; a paging button changes one of them. */
  readonly offsets: HomeOffsets;
  /** Admins only. */
  readonly settings?: WorkspaceSettingsView;
  /** `createSession`, `findMentor`, `findMentees`, `viewIncomingRequests`, `editSettings`, ... */
  readonly actions: readonly ActionKind[];
}

const offsetsSchema = z.object({
  sessions: offsetSchema,
  completed: offsetSchema,
  requests: offsetSchema,
  incoming: offsetSchema,
});

/** The page each list of the Home shows: sessions (live, upcoming), completed, requests, incoming. */
export type HomeOffsets = z.output<typeof offsetsSchema>;

/**
 * The pages a Home shows: those asked for, or the first pages. The offsets come back from our
 * own buttons; anything else (an old or forged value) shows the first pages.
 */
export function homeOffsets(input: unknown): HomeOffsets {
  const parsed = offsetsSchema.safeParse(input ?? {});
  return parsed.success ? parsed.data : offsetsSchema.parse({});
}

/** What a person may start from help or a welcome: the home's actions, nothing loaded. */
export interface HelpView {
  /** The home's actions and those on the person's own profile (`editMentorProfile`, ...). */
  readonly actions: readonly ActionKind[];
  /** The person is an admin of the workspace. */
  readonly admin: boolean;
  /** The workspace's default zone, when the person's own is not known yet (their times are in it). */
  readonly defaultZone?: string;
}

/**
 * The home's actions alone, for the Teams help and welcome cards (docs/product.md#switched-off-features:
 * a switched-off use case is offered nowhere, help included), without loading the lists.
 */
export function help(deps: CoreDeps, request: { actor: Actor }): Promise<Result<HelpView>> {
  return runQuery(deps, { actor: request.actor, input: {} }, z.object({}), async (q) =>
    ok({
      actions: [
        ...new Set([
          ...homeActions(q.actor, q.workspace.config),
          ...myProfileActions(q.actor, q.workspace.config),
        ]),
      ],
      admin: isAdmin(q.actor),
      ...(q.actor.timeZoneFrom === 'workspace' ? { defaultZone: q.actor.timeZone } : {}),
    }),
  );
}

export function home(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<HomeView>> {
  const { actor } = request;
  const asked = homeOffsets(request.input);
  // The person and their workspace first: the actions depend on its switches.
  return runQuery(
    deps,
    { actor, input: {} },
    z.object({}),
    async ({ actor: person, workspace }) => {
      const profile = myProfileView(person, workspace);
      const [sessions, mine, incoming, settings] = await Promise.all([
        mySessions(deps, {
          actor,
          input: { offset: asked.sessions, completedOffset: asked.completed },
        }),
        myMentorshipRequests(deps, { actor, input: { offset: asked.requests } }),
        isMentor(person)
          ? incomingRequests(deps, { actor, input: { offset: asked.incoming } })
          : undefined,
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
        myRequestsPage: mine.value.page,
        ...(incoming
          ? { incoming: incoming.value.requests, incomingPage: incoming.value.page }
          : {}),
        // As shown: a list that shrank shows its last page.
        offsets: {
          sessions: sessions.value.pages.current.offset,
          completed: sessions.value.pages.past.offset,
          requests: mine.value.page.offset,
          incoming: incoming?.value.page.offset ?? 0,
        },
        ...(settings ? { settings: settings.value } : {}),
        actions: homeActions(person, workspace.config),
      });
    },
  );
}
