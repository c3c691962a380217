import { MongoClient } from 'mongodb';
import { createRepositories, type Repositories } from '../../src/adapters/mongo/repositories.js';
import type { App } from '../../src/app.js';

/**
 * The repositories of a running service's database on a client of their own: a benchmark
 * counts what the work wrote without its reads showing in the service's command count.
 */
export async function observe(app: App): Promise<Repositories & { close(): Promise<void> }> {
  const client = await new MongoClient(app.database.uri).connect();
  const repositories = await createRepositories(client, client.db(app.database.db.databaseName));
  return { ...repositories, close: () => client.close() };
}
