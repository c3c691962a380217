import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Installation, InstallProvider } from '@slack/oauth';
import type { Mentorship } from '../../core/api.js';
import type { Logger } from '../../logger.js';
import type { SlackPeople } from './identity.js';
import type { MongoInstallationStore } from './installation-store.js';
import { boltLogger } from './receiver.js';
import { ClientCache } from './web.js';

/** The bot scopes the app asks for; the manifest lists the same. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'users:read',
  'users:read.email',
  'files:write',
  // The session form's image file (file_input) and its check (files.info).
  'files:read',
];

export interface OAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  readonly redirectUri?: string | undefined;
  readonly slackApiUrl?: string | undefined;
  readonly store: MongoInstallationStore;
  readonly mentorship: Mentorship;
  readonly people: SlackPeople;
  readonly logger: Logger;
}

const page = (res: ServerResponse, status: number, text: string) => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>mentorbot</title><p>${text}</p>`);
};

/**
 * Installing into many workspaces (`/slack/install`, `/slack/oauth_redirect`): Slack's
 * InstallProvider does the OAuth exchange and stores the installation in MongoDB; the
 * installer becomes the workspace's first admin through the core
 * (docs/product.md#installation).
 */
export function createOAuthRoutes(o: OAuthOptions) {
  const installer = new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    installationStore: o.store,
    // Through pino like everything else, not Slack's console logger.
    logger: boltLogger(o.logger),
    ...(o.slackApiUrl ? { clientOptions: { slackApiUrl: o.slackApiUrl } } : {}),
  });
  const clients = new ClientCache(o.slackApiUrl, boltLogger(o.logger));
  const installUrlOptions = {
    scopes: BOT_SCOPES,
    ...(o.redirectUri ? { redirectUri: o.redirectUri } : {}),
  };

  async function onInstalled(installation: Installation, res: ServerResponse): Promise<void> {
    const tenantId = installation.enterprise?.id ?? installation.team?.id;
    const token = installation.bot?.token;
    if (!tenantId || !token)
      return page(res, 400, 'Slack did not return a workspace and bot token.');
    const identity = await o.people.identityOf(clients.get(token), tenantId, installation.user.id);
    const installed = await o.mentorship.install({
      installer: identity,
      workspaceName: installation.enterprise?.name ?? installation.team?.name ?? tenantId,
    });
    if (!installed.ok) return page(res, 503, installed.error.message);
    page(res, 200, 'mentorbot is installed. Open it from the Apps section in Slack.');
  }

  return {
    install: (req: IncomingMessage, res: ServerResponse) =>
      installer.handleInstallPath(req, res, {}, installUrlOptions),
    callback: (req: IncomingMessage, res: ServerResponse) =>
      installer.handleCallback(req, res, {
        successAsync: async (installation, _options, _req, callbackRes) => {
          await onInstalled(installation as Installation, callbackRes).catch((err: unknown) => {
            o.logger.error(
              { err },
              'slack: install finished but the workspace could not be set up',
            );
            if (!callbackRes.headersSent)
              page(callbackRes, 500, 'Something went wrong. Please try again.');
          });
        },
        failureAsync: async (error, _options, _req, callbackRes) => {
          o.logger.warn({ code: error.code }, 'slack: OAuth install failed');
          page(callbackRes, 400, 'The installation did not complete. Please try again.');
        },
      }),
  };
}
