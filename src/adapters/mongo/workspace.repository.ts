import type { Collection, Db } from 'mongodb';
import type { WorkspaceId } from '../../core/people/person.js';
import type { WorkspaceRepository } from '../../core/ports.js';
import {
  DEFAULT_CONFIG,
  type Workspace,
  type WorkspaceConfig,
} from '../../core/workspaces/workspace.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, sessionOption } from './transaction.js';

type WorkspaceDoc = Omit<Workspace, 'id'> & { _id: WorkspaceId };

export const workspaceIndexes: IndexDeclaration[] = [];

/** A setting added since the workspace was stored reads as its default. */
const toWorkspace = ({ _id, config, ...rest }: WorkspaceDoc): Workspace => ({
  id: _id,
  ...rest,
  config: { ...DEFAULT_CONFIG, ...config },
});

export class MongoWorkspaceRepository implements WorkspaceRepository {
  private readonly collection: Collection<WorkspaceDoc>;

  constructor(db: Db) {
    this.collection = db.collection<WorkspaceDoc>('workspaces');
  }

  get(id: WorkspaceId): Promise<Workspace | undefined> {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: id }, sessionOption());
      return doc ? toWorkspace(doc) : undefined;
    });
  }

  /**
   * One upsert with `$setOnInsert`: inside a transaction a failed insert would abort it, so
   * "insert, and on a duplicate read" is not an option.
   */
  createIfAbsent(workspace: Workspace) {
    return guard(async () => {
      const { id, ...rest } = workspace;
      const result = await this.collection.findOneAndUpdate(
        { _id: id },
        { $setOnInsert: rest },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true, ...sessionOption() },
      );
      if (!result.value) throw new Error(`upsert of workspace ${id} returned nothing`);
      return {
        workspace: toWorkspace(result.value),
        created: result.lastErrorObject?.updatedExisting !== true,
      };
    });
  }

  saveConfig(id: WorkspaceId, config: WorkspaceConfig, now: Date) {
    return guard(async () => {
      const doc = await this.collection.findOneAndUpdate(
        { _id: id },
        { $set: { config, updatedAt: now } },
        { returnDocument: 'after', ...sessionOption() },
      );
      return doc ? toWorkspace(doc) : undefined;
    });
  }
}
