import { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { boltLogger } from './receiver.js';

/**
 * Slack Socket Mode (SLACK_APP_TOKEN, `xapp-...`): the app opens a WebSocket to Slack
 * (`apps.connections.open` gives its URL) and Slack sends every command, action, view
 * submission and event through it, so a laptop needs no public URL. Bolt's own receiver
 * does the transport and acks each envelope over the socket; the listeners are the same
 * ones the HTTP receiver feeds.
 *
 * Bolt hands the socket client only `installerOptions.clientOptions`, so that is where the
 * Web API base URL (SLACK_API_URL: GovSlack, or a local stand-in in tests) goes, or
 * `apps.connections.open` would always go to slack.com.
 */
export function socketModeReceiver(options: {
  appToken: string;
  slackApiUrl: string | undefined;
  logger: Logger;
}): SocketModeReceiver {
  const logger = boltLogger(options.logger);
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger,
    installerOptions: {
      clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
    },
  });
}
