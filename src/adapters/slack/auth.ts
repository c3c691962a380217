import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { MongoInstallationStore } from './installation-store.js';

/**
 * Where bot tokens come from: one configured token (single workspace), or the OAuth
 * installation store (many workspaces). Listeners get theirs from Bolt's `authorize`; the
 * notifier, which runs outside any request, asks `botTokenFor`.
 */
/** The team (and Enterprise Grid organisation) a request comes from, or a token belongs to. */
export interface TeamRef {
  readonly teamId?: string | undefined;
  readonly enterpriseId?: string | undefined;
}

export interface TokenSource {
  readonly authorize: Authorize<boolean>;
  /**
   * Whether requests from this team are served here. Single-workspace mode serves only the
   * team its token belongs to: the signing secret is the app's, and the same app may be
   * installed elsewhere. Rejects when that cannot be told just now.
   */
  serves(from: TeamRef): Promise<boolean>;
  botTokenFor(tenantId: string): Promise<string | undefined>;
  /**
   * Who installed the app for this tenant: they become its first admin
   * (docs/product.md#installation).
   */
  installerOf(tenantId: string): Promise<string | undefined>;
}

/**
 * One workspace's bot token. `ownTeam` says which team the token belongs to (Slack's
 * `auth.test`); it is asked once, and again only after it failed.
 */
export function singleWorkspace(
  botToken: string,
  adminUserIds: readonly string[],
  ownTeam: () => Promise<TeamRef>,
): TokenSource {
  let own: Promise<TeamRef> | undefined;
  return {
    authorize: async (): Promise<AuthorizeResult> => ({ botToken }),
    async serves(from) {
      own ??= ownTeam();
      own.catch(() => {
        own = undefined;
      });
      const team = await own;
      return (
        (team.teamId !== undefined && from.teamId === team.teamId) ||
        (team.enterpriseId !== undefined && from.enterpriseId === team.enterpriseId)
      );
    },
    botTokenFor: async () => botToken,
    installerOf: async () => adminUserIds[0],
  };
}

export function installedWorkspaces(store: MongoInstallationStore): TokenSource {
  return {
    // Every installed team is served; authorize refuses the others.
    serves: async () => true,
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
