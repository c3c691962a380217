import { App } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { TokenSource } from './auth.js';
import type { SlackContext } from './context.js';
import { runInteractive } from './deferred.js';
import * as actions from './listeners/actions/index.js';
import * as commands from './listeners/commands/index.js';
import * as events from './listeners/events/index.js';
import * as options from './listeners/options/index.js';
import * as views from './listeners/views/index.js';
import type { DirectMessages } from './notifier.js';
import { boltLogger, type NodeReceiver } from './receiver.js';
import { clientOptions } from './web.js';

/**
 * The Bolt app: our receiver for transport, tokens from `authorize`, and the listeners
 * (bolt-ts-starter-template layout). Every listener runs "interactive", so notifications its
 * use case sends are delivered after Slack has its answer.
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
  app.use(async ({ next }) => runInteractive(next));
  commands.register(app, args.ctx);
  actions.register(app, args.ctx, args.dms);
  views.register(app, args.ctx);
  events.register(app, args.ctx);
  options.register(app, args.ctx);
  app.error(async (error) => {
    args.logger.error({ err: error }, 'slack: unhandled listener error');
  });
  return app;
}
