import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import { type Person, workspaceIdOf } from '../people/person.js';
import type { ArrivingIdentity } from '../ports.js';
import { hasVisibleText, oneLine } from '../text.js';
import { isValidTimeZone } from '../time.js';
import { type CoreDeps, fieldErrors, orTryAgain } from '../usecase.js';
import { DEFAULT_CONFIG, type Workspace } from './workspace.js';

const knownZone = z
  .string()
  .optional()
  .transform((zone) => (zone && isValidTimeZone(zone) ? zone : undefined));

export const identitySchema = z
  .object({
    platform: z.enum(['slack', 'teams']),
    tenantId: z.string().trim().min(1).max(64),
    userId: z.string().trim().min(1).max(128),
    // Names are shown to others: one line, no control characters or bidi overrides. A name
    // with nothing visible left is shown as the platform's user id instead.
    displayName: z.string().transform(oneLine).pipe(z.string().trim().max(120)),
    email: z.email().optional(),
    // An unknown zone is no zone rather than a failing person: the stored zone stays, and a
    // new person gets the fallback or UTC (see ArrivingIdentity).
    timeZone: knownZone,
    fallbackTimeZone: knownZone,
  })
  .transform((identity) =>
    hasVisibleText(identity.displayName) ? identity : { ...identity, displayName: identity.userId },
  );

export type IdentityInput = z.input<typeof identitySchema>;

/**
 * The app was installed in a workspace (Slack OAuth, Teams installationUpdate). The first
 * installer becomes the workspace's admin (docs/product.md#installation), unless the platform's
 * configuration names the admins; a later install changes nothing.
 */
export async function installWorkspace(
  deps: CoreDeps,
  input: {
    installer: IdentityInput;
    workspaceName: string;
    /**
     * false when the platform's configuration names the admins (TEAMS_ADMIN_AAD_IDS): then
     * whoever happens to install first (a tenant-wide install reaches everyone) is not one.
     */
    installerBecomesAdmin?: boolean;
  },
): Promise<Result<{ workspace: Workspace; installer: Person; created: boolean }>> {
  const parsed = identitySchema.safeParse(input.installer);
  // A platform that could not say who installed the app: answered, not thrown.
  if (!parsed.success) return fail(validation(fieldErrors(parsed.error)));
  const identity: ArrivingIdentity = parsed.data;
  return orTryAgain(deps, 'an install', () =>
    deps.uow.run(async () => {
      const now = deps.clock.now();
      const installer = await deps.people.upsertIdentity(identity, now);
      const { workspace, created } = await deps.workspaces.createIfAbsent({
        id: workspaceIdOf(identity.platform, identity.tenantId),
        platform: identity.platform,
        tenantId: identity.tenantId,
        name: input.workspaceName.trim() || identity.tenantId,
        config: DEFAULT_CONFIG,
        installedBy: installer.id,
        createdAt: now,
        updatedAt: now,
      });
      const admin =
        created && input.installerBecomesAdmin !== false
          ? ((await deps.people.addRole(installer.id, 'admin', now)) ?? installer)
          : installer;
      return ok({ workspace, installer: admin, created });
    }),
  );
}

/**
 * Every interaction starts here: the adapter says who is acting, and the person is created
 * on first sight or their name, email and zone refreshed.
 */
export async function identify(deps: CoreDeps, input: IdentityInput): Promise<Result<Person>> {
  const parsed = identitySchema.safeParse(input);
  if (!parsed.success) return fail(validation(fieldErrors(parsed.error)));
  return orTryAgain(deps, 'identify', async () =>
    ok(await deps.people.upsertIdentity(parsed.data, deps.clock.now())),
  );
}
