import { App } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { TokenSource } from './auth.js';
import type { SlackContext } from './context.js';
import * as actions from './listeners/actions/index.js';
import * as commands from './listeners/commands/index.js';
import * as events from './listeners/events/index.js';
import * as options from './listeners/options/index.js';
import * as views from './listeners/views/index.js';
import type { DirectMessages } from './notifier.js';
import { boltLogger, type NodeReceiver } from './receiver.js';
import { SlackRouter } from './router.js';
import { clientOptions } from './web.js';

/**
 * The Bolt app: our receiver for transport, tokens from `authorize`, and the listeners
 * (bolt-ts-starter-template layout), dispatched by one router (router.ts).
 */
export function createBoltApp(args: {
  receiver: NodeReceiver;
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
  const router = new SlackRouter();
  commands.register(router, args.ctx);
  actions.register(router, args.ctx, args.dms);
  views.register(router, args.ctx);
  events.register(router, args.ctx);
  options.register(router, args.ctx);
  router.mount(app);
  app.error(async (error) => {
    args.logger.error({ err: error }, 'slack: unhandled listener error');
  });
  return app;
}
