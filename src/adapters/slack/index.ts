import { afterAck } from '../after-ack.js';
import { CountingNotifier } from '../notify/counting.js';
import { DeferringNotifier } from '../notify/deferring.js';
import { PacedNotifier } from '../notify/paced.js';
import { SessionMessages } from '../notify/session-messages.js';
import type { AdapterFactory } from '../platform.js';
import { createBoltApp } from './app.js';
import { installedWorkspaces, singleWorkspace, type TokenSource } from './auth.js';
import type { SlackContext } from './context.js';
import { SlackPeople } from './identity.js';
import { MongoInstallationStore } from './installation-store.js';
import { DirectMessages, SlackNotifier } from './notifier.js';
import { createOAuthRoutes } from './oauth.js';
import { boltLogger, NodeReceiver } from './receiver.js';
import { socketModeReceiver } from './socket.js';
import { ClientCache, responseUrlHosts } from './web.js';

/**
 * The Slack adapter (docs/product.md#slack): Bolt behind our HTTP server at `/slack/*`. Starts
 * only when SLACK_SIGNING_SECRET is set, with either SLACK_BOT_TOKEN (one workspace) or the
 * OAuth client settings (many workspaces).
 */
export const createSlackAdapter: AdapterFactory = async ({
  config,
  mentorship,
  db,
  logger,
  server,
  inbox,
}) => {
  const signingSecret = config.SLACK_SIGNING_SECRET;
  const appToken = config.SLACK_APP_TOKEN;
  if (!signingSecret && !appToken) return undefined;
  const log = logger.child({ component: 'slack' });
  const apiUrl = config.SLACK_API_URL;
  const oauth =
    config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          stateSecret: config.SLACK_STATE_SECRET,
        }
      : undefined;
  if (!config.SLACK_BOT_TOKEN && !oauth) {
    throw new Error(
      'Slack: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (many workspaces)',
    );
  }
  const store =
    oauth && !config.SLACK_BOT_TOKEN ? await MongoInstallationStore.create(db) : undefined;
  const clients = new ClientCache(apiUrl, boltLogger(log));
  const botToken = config.SLACK_BOT_TOKEN as string;
  const tokens: TokenSource = store
    ? installedWorkspaces(store)
    : singleWorkspace(botToken, config.SLACK_ADMIN_USER_IDS, async () => {
        const me = await clients.get(botToken).auth.test();
        return { teamId: me.team_id, enterpriseId: me.enterprise_id };
      });

  const people = new SlackPeople(mentorship, tokens, config.SLACK_ADMIN_USER_IDS, log);
  const sessionMessages = await SessionMessages.create(db);
  const ctx: SlackContext = {
    mentorship,
    people,
    logger: log,
    responseHosts: responseUrlHosts(apiUrl),
    sessionMessages,
  };
  const dms = new DirectMessages();
  // Socket Mode when an app-level token is set (socket.ts); otherwise HTTP at /slack/events.
  const socket = appToken
    ? socketModeReceiver({ appToken, slackApiUrl: apiUrl, logger: log })
    : undefined;
  const http = socket
    ? undefined
    : new NodeReceiver({ signingSecret: signingSecret ?? '', logger: log, tokens, inbox });
  if (http) inbox?.register('slack', (payload) => http.replay(payload));
  const bolt = createBoltApp({
    receiver: socket ?? (http as NodeReceiver),
    tokens,
    slackApiUrl: apiUrl,
    logger: log,
    ctx,
    dms,
  });
  if (socket) await bolt.start();

  const routes =
    store && oauth
      ? createOAuthRoutes({
          ...oauth,
          redirectUri: config.PUBLIC_BASE_URL
            ? new URL('/slack/oauth_redirect', config.PUBLIC_BASE_URL).href
            : undefined,
          slackApiUrl: apiUrl,
          store,
          mentorship,
          people,
          logger: log,
        })
      : undefined;

  server.mount('/slack', async (req, res, { path }) => {
    const method = req.method ?? 'GET';
    if (http && path === '/slack/events' && method === 'POST') return http.handle(req, res);
    if (routes && method === 'GET' && path === '/slack/install') return routes.install(req, res);
    if (routes && method === 'GET' && path === '/slack/oauth_redirect')
      return routes.callback(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not_found"}');
  });

  const slack = new SlackNotifier(tokens, clients, dms, log, sessionMessages);
  const paced = new PacedNotifier(new CountingNotifier('slack', slack), {
    perSecond: config.SLACK_MESSAGES_PER_SECOND,
  });
  const notifier = new DeferringNotifier(paced, log);
  log.info(
    { mode: store ? 'oauth' : 'single-workspace', transport: socket ? 'socket-mode' : 'http' },
    'slack adapter ready',
  );
  return {
    platform: 'slack',
    notifier,
    // Work after acks first (it may notify), then the notifications it started.
    stop: async (deadline) => {
      await socket?.stop(); // no new envelopes
      await afterAck.drain(deadline.left());
      await notifier.drain(deadline.left());
    },
  };
};
