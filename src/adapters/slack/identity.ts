import type { SlashCommand } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Mentorship } from '../../core/api.js';
import { DomainError, ErrorCode, fail, ok, type Result } from '../../core/errors.js';
import { type Person, personIdOf } from '../../core/people/person.js';
import type { IdentityInput } from '../../core/workspaces/install.js';
import type { Logger } from '../../logger.js';
import { RecentArrivals } from '../arrival.js';
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
}

const PROFILE_TTL_MS = 10 * 60 * 1000;

/**
 * Turns Slack users into the core's people: `users.info` (remembered for ten minutes) for
 * name, email and zone, then the core's `arrive` on every interaction (through the
 * recently-seen cache), which installs the workspace on first sight and makes the
 * configured admins (SLACK_ADMIN_USER_IDS) admins.
 */
export class SlackPeople {
  private readonly profiles = new LRUCache<string, Profile>({
    max: 20_000,
    ttl: PROFILE_TTL_MS,
    // A stale profile still serves when users.info fails (a missing scope, a 429).
    allowStale: false,
    noDeleteOnStaleGet: true,
  });
  private readonly arrivals: RecentArrivals;

  constructor(
    private readonly mentorship: Mentorship,
    private readonly tokens: TokenSource,
    private readonly adminUserIds: readonly string[],
    private readonly logger: Logger,
  ) {
    this.arrivals = new RecentArrivals(mentorship);
  }

  private async profile(
    client: WebClient,
    tenantId: string,
    userId: string,
    fallback?: string,
  ): Promise<Profile> {
    const key = `${tenantId}:${userId}`;
    const fresh = this.profiles.get(key);
    if (fresh) return fresh;
    try {
      const { user } = await client.users.info({ user: userId });
      const name =
        user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name;
      const profile: Profile = {
        displayName: (name || fallback || userId).slice(0, 120),
        ...(user?.profile?.email ? { email: user.profile.email } : {}),
        ...(user?.tz ? { timeZone: user.tz } : {}),
      };
      this.profiles.set(key, profile);
      return profile;
    } catch (err) {
      // Without users.info the person is still served: as last seen, or by name in UTC.
      this.logger.warn({ err, userId }, 'slack: users.info failed');
      return (
        this.profiles.get(key, { allowStale: true }) ?? {
          displayName: (fallback || userId).slice(0, 120),
        }
      );
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

  /** The acting person, created or refreshed; the workspace is installed afterwards. */
  async actor(client: WebClient, ref: SlackUserRef): Promise<Result<Person>> {
    const tenantId = tenantOf(ref);
    const arrived = await this.arrivals.arrive({
      identity: await this.identityOf(client, tenantId, ref.userId, ref.fallbackName),
      install: {
        workspaceName: ref.teamName ?? tenantId,
        // The installer (OAuth) or the first configured admin; with neither, whoever comes first.
        installer: async () => {
          const installerId = (await this.tokens.installerOf(tenantId)) ?? ref.userId;
          return this.identityOf(
            client,
            tenantId,
            installerId,
            installerId === ref.userId ? ref.fallbackName : undefined,
          );
        },
      },
      configuredAdmin: this.adminUserIds.includes(ref.userId),
    });
    if (!arrived.ok) return arrived;
    if (!arrived.value.installed) return fail(notInstalled);
    return ok(arrived.value.person);
  }

  /** People picked in a form (user selects): identified so the core knows them. */
  async others(
    client: WebClient,
    tenantId: string,
    userIds: readonly string[],
  ): Promise<Result<string[]>> {
    const ids: string[] = [];
    for (const userId of [...new Set(userIds)].slice(0, 500)) {
      const person = await this.mentorship.identify(
        await this.identityOf(client, tenantId, userId),
      );
      if (!person.ok) return fail(person.error);
      ids.push(person.value.id);
    }
    return ok(ids);
  }

  /** The core's id of a Slack user, without looking them up. */
  personId = (tenantId: string, userId: string) => personIdOf('slack', tenantId, userId);
}

// `arrive` installs on first sight here, so this answers only if that was refused.
const notInstalled = new DomainError(
  ErrorCode.TryAgain,
  'mentorbot is not set up in this workspace yet. Please try again in a moment.',
);
