import { DomainError, ErrorCode } from '../../../../core/errors.js';
import type { Person } from '../../../../core/people/person.js';
import { type Feature, requireFeature } from '../../../../core/workspaces/features.js';
import { getWorkspaceSettings } from '../../../../core/workspaces/settings.js';
import type { Workspace, WorkspaceConfig } from '../../../../core/workspaces/workspace.js';
import type { SlackContext } from '../../context.js';
import type { ModalView } from '../../kit.js';
import { rolesModal, settingsModal } from './modals.js';

/** The workspace of a person: its vocabularies and defaults fill the forms. */
export async function workspaceOf(
  ctx: SlackContext,
  person: Person,
): Promise<Workspace | DomainError> {
  const workspace = await ctx.core.workspaces.get(person.workspaceId).catch(() => undefined);
  return (
    workspace ??
    new DomainError(
      ErrorCode.TryAgain,
      'Sorry, we could not load your workspace. Please try again.',
    )
  );
}

/**
 * docs/product.md#switched-off-features: a switched-off use case answers with the core's
 * sentence before any form shows.
 */
export async function featureCheck(
  ctx: SlackContext,
  person: Person,
  feature: Feature,
): Promise<DomainError | undefined> {
  const workspace = await workspaceOf(ctx, person);
  return workspace instanceof DomainError ? workspace : requireFeature(workspace, feature);
}

/** An admin form: shown only to those the core lets read the settings. */
const adminForm =
  (render: (config: WorkspaceConfig) => ModalView) =>
  async (ctx: SlackContext, person: Person): Promise<ModalView | DomainError> => {
    const settings = await getWorkspaceSettings(ctx.core, { actor: { personId: person.id } });
    return settings.ok ? render(settings.value.config) : settings.error;
  };

export const settingsForm = adminForm(settingsModal);
export const rolesForm = adminForm(() => rolesModal());
