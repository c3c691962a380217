import type { HomeOffsets } from '../../../../core/home.js';
import type { Person } from '../../../../core/people/person.js';
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
  offsets?: HomeOffsets,
): Promise<void> {
  const home = await ctx.mentorship.home({
    actor: { personId: person.id },
    ...(offsets ? { input: offsets } : {}),
  });
  const view = home.ok
    ? homeView({ home: home.value, ...(notice ? { notice } : {}) })
    : { type: 'home' as const, blocks: [section(home.error.message)] };
  await afterRateLimit(() => client.views.publish({ user_id: person.userId, view }));
}

/** The answer to a saved profile or settings form: close it, then refresh the Home tab. */
export const closeAndRefreshHome =
  (ctx: SlackContext) => (_value: unknown, s: { client: WebClient; person: Person }) => ({
    response: { response_action: 'clear' },
    after: () => publishHome(ctx, s.client, s.person),
  });
