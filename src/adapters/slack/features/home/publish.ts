import { getMyProfile } from '../../../../core/people/my-profile.js';
import { isAdmin, isMentor, type Person } from '../../../../core/people/person.js';
import { incomingRequests, myMentorshipRequests } from '../../../../core/requests/list-requests.js';
import { mySessions } from '../../../../core/sessions/index.js';
import { getWorkspaceSettings } from '../../../../core/workspaces/settings.js';
import type { SlackContext } from '../../context.js';
import { section } from '../../kit.js';
import { afterRateLimit, type WebClient } from '../../web.js';
import { homeView } from './views.js';

/**
 * The App Home tab for one person (docs/product.md#app-home): their sessions, their requests
 * (mentees' view), the requests waiting for them (mentors), their profile, and the settings for
 * admins.
 */
export async function publishHome(
  ctx: SlackContext,
  client: WebClient,
  person: Person,
  notice?: string,
): Promise<void> {
  const actor = { personId: person.id };
  const [sessions, profile, mine, incoming, settings] = await Promise.all([
    mySessions(ctx.core, { actor, input: {} }),
    getMyProfile(ctx.core, { actor }),
    myMentorshipRequests(ctx.core, { actor }),
    isMentor(person) ? incomingRequests(ctx.core, { actor }) : undefined,
    isAdmin(person) ? getWorkspaceSettings(ctx.core, { actor }) : undefined,
  ]);
  const view =
    sessions.ok && profile.ok
      ? homeView({
          sessions: sessions.value,
          profile: profile.value,
          ...(mine.ok ? { myRequests: mine.value.requests } : {}),
          ...(incoming?.ok ? { incoming: incoming.value.requests } : {}),
          ...(settings?.ok ? { settings: settings.value.config } : {}),
          ...(notice ? { notice } : {}),
        })
      : {
          type: 'home' as const,
          blocks: [
            section(
              (!sessions.ok ? sessions.error : !profile.ok ? profile.error : undefined)?.message ??
                'Please try again.',
            ),
          ],
        };
  await afterRateLimit(() => client.views.publish({ user_id: person.userId, view }));
}

/** The answer to a saved profile or settings form: close it, then refresh the Home tab. */
export const closeAndRefreshHome =
  (ctx: SlackContext) => (_value: unknown, s: { client: WebClient; person: Person }) => ({
    response: { response_action: 'clear' },
    after: () => publishHome(ctx, s.client, s.person),
  });
