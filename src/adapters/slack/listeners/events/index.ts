import type { SlackContext } from '../../context.js';
import { publishHome } from '../../home-tab.js';
import type { SlackRouter } from '../../router.js';

/**
 * `app_home_opened`: the Home tab is rendered fresh for the person each time
 * (docs/product.md#app-home).
 */
export function register(app: SlackRouter, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const enterpriseId = (body as { enterprise_id?: string }).enterprise_id;
    const person = await ctx.people.actor(client, { teamId, enterpriseId, userId: event.user });
    if (!person.ok) {
      ctx.logger.warn({ code: person.error.code }, 'slack: could not identify a Home tab visitor');
      return;
    }
    await publishHome(ctx, client, person.value);
  });
}
