import type { Collection, Db } from 'mongodb';
import type { WorkspaceId } from '../../core/people/person.js';
import type { WorkspaceRepository } from '../../core/ports.js';
import type { Workspace, WorkspaceConfig } from '../../core/workspaces/workspace.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, isDuplicateKey, sessionOption } from './transaction.js';

type WorkspaceDoc = Omit<Workspace, 'id'> & { _id: WorkspaceId };

export const workspaceIndexes: IndexDeclaration[] = [];

const toWorkspace = ({ _id, ...rest }: WorkspaceDoc): Workspace => ({ id: _id, ...rest });

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

  createIfAbsent(workspace: Workspace) {
    return guard(async () => {
      const { id, ...rest } = workspace;
      try {
        await this.collection.insertOne({ _id: id, ...rest }, sessionOption());
        return { workspace, created: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const existing = await this.collection.findOne({ _id: id }, sessionOption());
        if (!existing) throw err;
        return { workspace: toWorkspace(existing), created: false };
      }
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
