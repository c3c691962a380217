import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { MongoInstallationStore } from './installation-store.js';

/**
 * Where bot tokens come from: one configured token (single workspace), or the OAuth
 * installation store (many workspaces). Listeners get theirs from Bolt's `authorize`; the
 * notifier, which runs outside any request, asks `botTokenFor`.
 */
export interface TokenSource {
  readonly authorize: Authorize<boolean>;
  botTokenFor(tenantId: string): Promise<string | undefined>;
  /**
   * Who installed the app for this tenant: they become its first admin
   * (docs/product.md#installation).
   */
  installerOf(tenantId: string): Promise<string | undefined>;
}

export function singleWorkspace(botToken: string, adminUserIds: readonly string[]): TokenSource {
  return {
    authorize: async (): Promise<AuthorizeResult> => ({ botToken }),
    botTokenFor: async () => botToken,
    installerOf: async () => adminUserIds[0],
  };
}

export function installedWorkspaces(store: MongoInstallationStore): TokenSource {
  return {
    authorize: async (source) => {
      const installation = await store.fetchInstallation({
        teamId: source.teamId,
        enterpriseId: source.enterpriseId,
        isEnterpriseInstall: source.isEnterpriseInstall,
      });
      const bot = installation.bot;
      if (!bot?.token) throw new Error('installation has no bot token');
      return {
        botToken: bot.token,
        botId: bot.id,
        botUserId: bot.userId,
        ...(installation.team?.id ? { teamId: installation.team.id } : {}),
        ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
      };
    },
    botTokenFor: async (tenantId) => (await store.forTenant(tenantId))?.bot?.token,
    installerOf: async (tenantId) => (await store.forTenant(tenantId))?.user.id,
  };
}
