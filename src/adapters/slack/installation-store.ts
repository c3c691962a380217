import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Collection, Db } from 'mongodb';
import type { IndexDeclaration } from '../mongo/indexes.js';
import { ensureIndexes } from '../mongo/indexes.js';

/**
 * OAuth installations (many workspaces), one document per team or per Enterprise Grid org
 * (org-wide install). `tenantId` is the product's tenant: the enterprise id on Grid, the team
 * id otherwise. Tokens are secrets: this collection must not be exported or logged.
 */
interface InstallationDoc {
  _id: string;
  tenantId: string;
  installation: Installation;
  updatedAt: Date;
}

export const SLACK_INSTALLATIONS = 'slack_installations';

export const installationIndexes: IndexDeclaration[] = [
  { collection: SLACK_INSTALLATIONS, key: { tenantId: 1 }, options: { name: 'by_tenant' } },
];

const keyOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) =>
  q.isEnterpriseInstall && q.enterpriseId ? `E:${q.enterpriseId}` : `T:${q.teamId ?? ''}`;

export class MongoInstallationStore implements InstallationStore {
  private readonly collection: Collection<InstallationDoc>;

  private constructor(db: Db) {
    this.collection = db.collection<InstallationDoc>(SLACK_INSTALLATIONS);
  }

  static async create(db: Db): Promise<MongoInstallationStore> {
    await ensureIndexes(db, installationIndexes);
    return new MongoInstallationStore(db);
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const enterpriseId = installation.enterprise?.id;
    const teamId = installation.team?.id;
    const _id = keyOf({
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      ...(enterpriseId ? { enterpriseId } : {}),
      ...(teamId ? { teamId } : {}),
    });
    const tenantId = enterpriseId ?? teamId ?? '';
    await this.collection.replaceOne(
      { _id },
      { tenantId, installation, updatedAt: new Date() },
      { upsert: true },
    );
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const doc =
      (await this.collection.findOne({ _id: keyOf(query) })) ??
      // A workspace of a Grid org whose app was installed org-wide.
      (query.enterpriseId
        ? await this.collection.findOne({ _id: `E:${query.enterpriseId}` })
        : null);
    if (!doc) throw new Error('no Slack installation for this workspace');
    return doc.installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.collection.deleteOne({ _id: keyOf(query) });
  }

  /** The installation serving a product tenant (team id, or enterprise id on Grid). */
  async forTenant(tenantId: string): Promise<Installation | undefined> {
    const doc = await this.collection.findOne({ _id: { $in: [`E:${tenantId}`, `T:${tenantId}`] } });
    return doc?.installation;
  }
}
