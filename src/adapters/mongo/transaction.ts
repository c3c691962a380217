import { AsyncLocalStorage } from 'node:async_hooks';
import { type ClientSession, type MongoClient, MongoError } from 'mongodb';
import { InfrastructureError } from '../../core/errors.js';
import type { UnitOfWork } from '../../core/ports.js';
import { noteDatabaseFault } from '../interaction.js';

const current = new AsyncLocalStorage<ClientSession>();

/** The session of the transaction in progress, for repositories to pass to each operation. */
export function sessionOption(): { session?: ClientSession } {
  const session = current.getStore();
  return session ? { session } : {};
}

export const inTransaction = () => current.getStore() !== undefined;

/**
 * Database failures become `InfrastructureError` (the core's "try again"). Inside a
 * transaction they pass through untouched, so that `withTransaction` sees their labels and
 * retries transient conflicts; the unit of work converts what is left at the end.
 */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (err instanceof MongoError && !inTransaction()) {
      noteDatabaseFault();
      throw new InfrastructureError(`database operation failed: ${err.message}`, { cause: err });
    }
    throw err;
  }
}

export const isDuplicateKey = (err: unknown) => err instanceof MongoError && err.code === 11000;

/**
 * One MongoDB transaction per command. Nested calls join the transaction in progress. The
 * driver retries the whole callback on transient errors (write conflicts), so the callback
 * must not have effects outside the database.
 */
export class MongoUnitOfWork implements UnitOfWork {
  constructor(private readonly client: MongoClient) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (inTransaction()) return work();
    const session = this.client.startSession();
    try {
      return await session.withTransaction(() => current.run(session, work), {
        readConcern: { level: 'snapshot' },
        writeConcern: { w: 'majority' },
      });
    } catch (err) {
      if (err instanceof MongoError) {
        noteDatabaseFault();
        throw new InfrastructureError(`transaction failed: ${err.message}`, { cause: err });
      }
      throw err;
    } finally {
      await session.endSession().catch(() => {});
    }
  }
}
