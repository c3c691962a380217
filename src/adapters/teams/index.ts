import { countInteraction } from '../../metrics.js';
import { afterAck } from '../after-ack.js';
import { createDownloadLinks } from '../downloads.js';
import { CountingNotifier } from '../notify/counting.js';
import { DeferringNotifier } from '../notify/deferring.js';
import { PacedNotifier } from '../notify/paced.js';
import { SessionMessages } from '../notify/session-messages.js';
import type { AdapterFactory } from '../platform.js';
import { createTeamsApp, MentorbotTeamsAdapter } from './app.js';
import { TeamsAuthentication } from './auth.js';
import { ConversationStore } from './conversations.js';
import { messagesRoute, teamsReplay } from './http.js';
import { ImageWaits } from './image-waits.js';
import { inlineDialogs, kindOf } from './inline-dialogs.js';
import { TeamsNotifier } from './notifier.js';
import { OriginReplies } from './origin.js';

/** Proactive messages per tenant per second: well under the Bot Framework's per-bot limits. */
const MESSAGES_PER_SECOND = 15;

const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * Microsoft Teams (teams-ai v1 on botbuilder's CloudAdapter), mounted at /api/messages.
 *
 * With MICROSOFT_APP_ID every activity's Bot Framework JWT is verified. Without it the
 * endpoint takes unauthenticated local traffic (Bot Framework Emulator); that only happens
 * outside production: config refuses production with a half-configured Teams app, and in
 * production without any MICROSOFT_APP_* setting the adapter does not start at all.
 */
export const createTeamsAdapter: AdapterFactory = async ({
  config,
  mentorship,
  clock,
  db,
  logger,
  server,
  inbox,
}) => {
  const log = logger.child({ component: 'teams' });
  const appId = config.MICROSOFT_APP_ID ?? '';
  if (!appId && config.NODE_ENV === 'production') return undefined;
  const authDisabled = appId === '';
  if (authDisabled) {
    log.warn(
      'MICROSOFT_APP_ID is not set: /api/messages accepts unauthenticated local traffic (Bot Framework Emulator)',
    );
  }

  const adapter = new MentorbotTeamsAdapter(TeamsAuthentication.fromConfig(config));
  adapter.use({ onTurn: (context, next) => countInteraction('teams', kindOf(context), next) });
  // Local tools without dialogs (Agents Playground, Emulator) get every form in the chat.
  if (authDisabled) adapter.use(inlineDialogs());
  const conversations = await ConversationStore.create(db);
  const sessionMessages = await SessionMessages.create(db);
  const imageWaits = await ImageWaits.create(db);
  const downloads = createDownloadLinks(server, {
    mentorship,
    clock,
    baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
    secret: config.LINK_SIGNING_SECRET,
  });
  const app = createTeamsApp(adapter, appId, {
    mentorship,
    clock,
    conversations,
    downloads,
    logger: log,
    replies: new OriginReplies(adapter, appId, log),
    authDisabled,
    adminIds: config.TEAMS_ADMIN_AAD_IDS,
    sessionMessages,
    imageWaits,
  });
  server.mount(TEAMS_MESSAGES_PATH, messagesRoute(adapter, app, log, { authDisabled, inbox }));
  inbox?.register('teams', teamsReplay(adapter, app, appId));

  const teams = new TeamsNotifier({
    adapter,
    appId,
    conversations,
    clock,
    logger: log,
    messages: sessionMessages,
  });
  const notifier = new DeferringNotifier(
    new PacedNotifier(new CountingNotifier('teams', teams), { perSecond: MESSAGES_PER_SECOND }),
    log,
  );
  return {
    platform: 'teams',
    notifier,
    // Turns still running after their 200 finish first, then the notifications they started.
    stop: async (deadline) => {
      await afterAck.drain(deadline.left());
      await notifier.drain(deadline.left());
    },
  };
};
