import type { SlashCommand } from '@slack/bolt';
import { fail, ok, type Result } from '../../core/errors.js';
import { isAdmin, type Person, personIdOf, workspaceIdOf } from '../../core/people/person.js';
import type { CoreDeps } from '../../core/usecase.js';
import { type IdentityInput, identify, installWorkspace } from '../../core/workspaces/install.js';
import { grantRole } from '../../core/workspaces/settings.js';
import type { Logger } from '../../logger.js';
import type { TokenSource } from './auth.js';
import type { WebClient } from './web.js';

/** Who is acting, as a Slack payload says it. */
export interface SlackUserRef {
  readonly teamId: string;
  readonly enterpriseId?: string | undefined;
  readonly userId: string;
  /** Shown when `users.info` cannot be read. */
  readonly fallbackName?: string | undefined;
  readonly teamName?: string | undefined;
}

export const refOfCommand = (body: SlashCommand): SlackUserRef => ({
  teamId: body.team_id,
  enterpriseId: body.enterprise_id,
  userId: body.user_id,
  fallbackName: body.user_name,
  teamName: body.team_domain,
});

type Interaction = {
  user: { id: string; name?: string; username?: string; team_id?: string };
  team: { id: string; domain?: string } | null;
  enterprise?: { id: string } | null;
};

export const refOfInteraction = (body: Interaction): SlackUserRef => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  enterpriseId: body.enterprise?.id,
  userId: body.user.id,
  fallbackName: body.user.name ?? body.user.username,
  teamName: body.team?.domain,
});

/** docs/product.md#person: the tenant is the enterprise on Enterprise Grid, the team otherwise. */
export const tenantOf = (ref: Pick<SlackUserRef, 'teamId' | 'enterpriseId'>) =>
  ref.enterpriseId || ref.teamId;

interface Profile {
  readonly displayName: string;
  readonly email?: string;
  readonly timeZone?: string;
  readonly at: number;
}

const PROFILE_TTL_MS = 10 * 60 * 1000;
const MAX_PROFILES = 20_000;

/**
 * Turns Slack users into the core's people: `users.info` (cached for ten minutes) for name,
 * email and zone, `identify` on every interaction, the workspace created on first sight in
 * single-workspace mode, and the configured admins made admins through the core.
 */
export class SlackPeople {
  private readonly profiles = new Map<string, Profile>();
  private readonly knownWorkspaces = new Set<string>();
  private readonly knownAdmins = new Set<string>();

  constructor(
    private readonly core: CoreDeps,
    private readonly tokens: TokenSource,
    private readonly adminUserIds: readonly string[],
    private readonly logger: Logger,
  ) {}

  private async profile(
    client: WebClient,
    tenantId: string,
    userId: string,
    fallback?: string,
  ): Promise<Profile> {
    const key = `${tenantId}:${userId}`;
    const cached = this.profiles.get(key);
    if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached;
    try {
      const { user } = await client.users.info({ user: userId });
      const name =
        user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name;
      const profile: Profile = {
        displayName: (name || fallback || userId).slice(0, 120),
        ...(user?.profile?.email ? { email: user.profile.email } : {}),
        ...(user?.tz ? { timeZone: user.tz } : {}),
        at: Date.now(),
      };
      if (this.profiles.size >= MAX_PROFILES) this.profiles.clear();
      this.profiles.set(key, profile);
      return profile;
    } catch (err) {
      // Without users.info (a missing scope, a 429) the person still gets served, in UTC.
      this.logger.warn({ err, userId }, 'slack: users.info failed');
      return cached ?? { displayName: (fallback || userId).slice(0, 120), at: 0 };
    }
  }

  async identityOf(
    client: WebClient,
    tenantId: string,
    userId: string,
    fallback?: string,
  ): Promise<IdentityInput> {
    const p = await this.profile(client, tenantId, userId, fallback);
    return {
      platform: 'slack',
      tenantId,
      userId,
      displayName: p.displayName,
      ...(p.email ? { email: p.email } : {}),
      ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    };
  }

  /** The acting person, created or refreshed; the workspace exists afterwards. */
  async actor(client: WebClient, ref: SlackUserRef): Promise<Result<Person>> {
    const tenantId = tenantOf(ref);
    const ensured = await this.ensureWorkspace(client, tenantId, ref);
    if (!ensured.ok) return ensured;
    const person = await identify(
      this.core,
      await this.identityOf(client, tenantId, ref.userId, ref.fallbackName),
    );
    if (!person.ok) return person;
    return ok(await this.promoteConfiguredAdmin(person.value));
  }

  /** People picked in a form (user selects): identified so the core knows them. */
  async others(
    client: WebClient,
    tenantId: string,
    userIds: readonly string[],
  ): Promise<Result<string[]>> {
    const ids: string[] = [];
    for (const userId of [...new Set(userIds)].slice(0, 500)) {
      const person = await identify(this.core, await this.identityOf(client, tenantId, userId));
      if (!person.ok) return fail(person.error);
      ids.push(person.value.id);
    }
    return ok(ids);
  }

  /** The core's id of a Slack user, without looking them up. */
  personId = (tenantId: string, userId: string) => personIdOf('slack', tenantId, userId);

  private async ensureWorkspace(
    client: WebClient,
    tenantId: string,
    ref: SlackUserRef,
  ): Promise<Result<void>> {
    const id = workspaceIdOf('slack', tenantId);
    if (this.knownWorkspaces.has(id)) return ok(undefined);
    try {
      if (!(await this.core.workspaces.get(id))) {
        // The installer (OAuth) or the first configured admin; with neither, whoever comes first.
        const installerId = (await this.tokens.installerOf(tenantId)) ?? ref.userId;
        const installer = await this.identityOf(
          client,
          tenantId,
          installerId,
          installerId === ref.userId ? ref.fallbackName : undefined,
        );
        const installed = await installWorkspace(this.core, {
          installer,
          workspaceName: ref.teamName ?? tenantId,
        });
        if (!installed.ok) return fail(installed.error);
      }
    } catch (err) {
      this.logger.warn({ err }, 'slack: workspace lookup failed');
      return ok(undefined); // the use case itself will answer "try again"
    }
    this.knownWorkspaces.add(id);
    return ok(undefined);
  }

  /** SLACK_ADMIN_USER_IDS become admins on first sight, granted by the workspace's installer. */
  private async promoteConfiguredAdmin(person: Person): Promise<Person> {
    if (
      !this.adminUserIds.includes(person.userId) ||
      isAdmin(person) ||
      this.knownAdmins.has(person.id)
    ) {
      return person;
    }
    this.knownAdmins.add(person.id);
    const workspace = await this.core.workspaces.get(person.workspaceId);
    if (!workspace) return person;
    const granted = await grantRole(this.core, {
      actor: { personId: workspace.installedBy },
      input: { personId: person.id, role: 'admin' },
      idempotencyKey: `slack:admin:${person.id}`,
    });
    if (!granted.ok) {
      this.logger.warn(
        { code: granted.error.code, personId: person.id },
        'slack: could not make a configured admin an admin',
      );
      return person;
    }
    return granted.value;
  }
}
