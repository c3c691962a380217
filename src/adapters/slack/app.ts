import { App, type Receiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { countInteraction } from '../../metrics.js';
import type { TokenSource } from './auth.js';
import type { SlackContext } from './context.js';
import { registerHome } from './features/home/listeners.js';
import { registerProfiles } from './features/profiles/listeners.js';
import { registerRequests } from './features/requests/listeners.js';
import { registerSessions } from './features/sessions/listeners.js';
import { registerSettings } from './features/settings/listeners.js';
import type { DirectMessages } from './notifier.js';
import { boltLogger } from './receiver.js';
import { SlackRouter } from './router.js';
import { clientOptions } from './web.js';

/**
 * The Bolt app: our receiver for transport, tokens from `authorize`, and each feature's
 * listeners (features/<feature>/listeners.ts), dispatched by one router (router.ts).
 */
export function createBoltApp(args: {
  receiver: Receiver;
  tokens: TokenSource;
  slackApiUrl: string | undefined;
  logger: Logger;
  ctx: SlackContext;
  dms: DirectMessages;
}): App {
  const app = new App({
    receiver: args.receiver,
    authorize: args.tokens.authorize,
    logger: boltLogger(args.logger),
    clientOptions: clientOptions(args.slackApiUrl),
    // No conversation state is kept between requests.
    convoStore: false,
  });
  // Every request, over HTTP or Socket Mode, counted by kind and outcome (src/metrics.ts).
  app.use(({ body, next }) =>
    countInteraction('slack', kindOfBody(body as unknown as Record<string, unknown>), next),
  );
  const router = new SlackRouter();
  for (const register of [
    registerHome,
    registerSessions(args.dms),
    registerRequests,
    registerProfiles,
    registerSettings,
  ]) {
    register(router, args.ctx);
  }
  router.mount(app);
  app.error(async (error) => {
    args.logger.error({ err: error }, 'slack: unhandled listener error');
  });
  return app;
}

/** A request's kind for metrics: the slash command, or the payload or event type. */
function kindOfBody(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  const event = body.event as { type?: unknown } | undefined;
  if (body.type === 'event_callback' && typeof event?.type === 'string')
    return `event:${event.type}`;
  return typeof body.type === 'string' ? body.type : 'unknown';
}
