import { fail, ok, type Result, validation } from '../errors.js';
import { isAdmin, type Person, type WorkspaceId, workspaceIdOf } from '../people/person.js';
import { type CoreDeps, fieldErrors, orTryAgain } from '../usecase.js';
import { type IdentityInput, identitySchema, installWorkspace } from './install.js';
import type { Workspace } from './workspace.js';

/**
 * Who is acting, as their platform says it: the platform, the workspace's external id
 * (Slack team or enterprise, Teams tenant), the user's external id, the display name, and
 * the email and IANA zone when known.
 */
export interface ArriveInput {
  readonly identity: IdentityInput;
  /**
   * Install the workspace now when nobody has yet: a Teams personal-scope bot is installed by
   * the person talking to it, a single-workspace Slack app by its token's installer. Without
   * it, an uninstalled workspace answers `installed: false`.
   */
  readonly install?: {
    readonly workspaceName: string;
    /** false when the platform's configuration names the admins (see `installWorkspace`). */
    readonly installerBecomesAdmin?: boolean;
    /** The installer, when it is not the person arriving; asked for only when installing. */
    readonly installer?: () => Promise<IdentityInput>;
  };
  /** The platform's configuration names this person an admin (e.g. SLACK_ADMIN_USER_IDS). */
  readonly configuredAdmin?: boolean;
}

export type Arrival =
  | {
      readonly installed: true;
      /** The person, created on first sight, with name, email and zone refreshed. */
      readonly person: Person;
      readonly workspace: Workspace;
      /** This arrival installed the workspace. */
      readonly newWorkspace: boolean;
    }
  | { readonly installed: false; readonly workspaceId: WorkspaceId };

/**
 * Every interaction starts here (docs/product.md#people-and-workspaces): is the person's workspace installed, and who are they.
 * The person is created on first sight (a mentee with no other role) or refreshed; a person
 * the platform's configuration names an admin becomes one. A failing database answers
 * "try again"; an identity the platform could not fill in answers a validation error.
 */
export async function arrive(deps: CoreDeps, input: ArriveInput): Promise<Result<Arrival>> {
  const parsed = identitySchema.safeParse(input.identity);
  if (!parsed.success) return fail(validation(fieldErrors(parsed.error)));
  const identity = parsed.data;
  return orTryAgain<Arrival>(deps, 'an arrival', async () => {
    const workspaceId = workspaceIdOf(identity.platform, identity.tenantId);
    let workspace = await deps.workspaces.get(workspaceId);
    let newWorkspace = false;
    if (!workspace) {
      if (!input.install) return ok({ installed: false, workspaceId });
      const installer = input.install.installer ? await input.install.installer() : identity;
      const installed = await installWorkspace(deps, {
        installer,
        workspaceName: input.install.workspaceName,
        ...(input.install.installerBecomesAdmin === false ? { installerBecomesAdmin: false } : {}),
      });
      if (!installed.ok) return installed;
      workspace = installed.value.workspace;
      newWorkspace = installed.value.created;
    }
    const now = deps.clock.now();
    // A person the platform tells no zone of sees the workspace's default until theirs is known.
    let person = await deps.people.upsertIdentity(
      { ...identity, workspaceTimeZone: workspace.config.defaultTimeZone },
      now,
    );
    if (input.configuredAdmin && !isAdmin(person)) {
      person = (await deps.people.addRole(person.id, 'admin', now)) ?? person;
    }
    return ok({ installed: true, person, workspace, newWorkspace });
  });
}
