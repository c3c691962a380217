import type { Db, MongoClient } from 'mongodb';
import type { CoreDeps } from '../../core/usecase.js';
import { bookingIndexes, MongoBookingRepository } from './booking.repository.js';
import { deliveryIndexes, MongoDeliveryLog } from './delivery.repository.js';
import { idempotencyIndexes, MongoIdempotencyStore } from './idempotency.repository.js';
import { imageIndexes, MongoImageRepository } from './image.repository.js';
import { inboxIndexes } from './inbox.repository.js';
import { ensureIndexes, type IndexDeclaration } from './indexes.js';
import { MongoPersonRepository, personIndexes } from './person.repository.js';
import { MongoRequestRepository, requestIndexes } from './request.repository.js';
import { MongoSessionRepository, sessionIndexes } from './session.repository.js';
import { MongoUnitOfWork } from './transaction.js';
import { MongoWorkspaceRepository, workspaceIndexes } from './workspace.repository.js';

/** Every index the product relies on; created at start (see `createRepositories`). */
export const ALL_INDEXES: readonly IndexDeclaration[] = [
  ...workspaceIndexes,
  ...personIndexes,
  ...sessionIndexes,
  ...requestIndexes,
  ...bookingIndexes,
  ...idempotencyIndexes,
  ...deliveryIndexes,
  ...inboxIndexes,
  ...imageIndexes,
];

/**
 * The part of the core's dependencies that MongoDB provides, and the images' bytes (the
 * core's `ImageStore` is these with the server's signed links: `sessionImages`).
 */
export type Repositories = { readonly imageFiles: MongoImageRepository } & Pick<
  CoreDeps,
  | 'workspaces'
  | 'people'
  | 'sessions'
  | 'requests'
  | 'bookings'
  | 'deliveries'
  | 'idempotency'
  | 'uow'
>;

/** The repositories on one database, with every index in place. */
export async function createRepositories(client: MongoClient, db: Db): Promise<Repositories> {
  await ensureIndexes(db, ALL_INDEXES);
  return {
    workspaces: new MongoWorkspaceRepository(db),
    people: new MongoPersonRepository(db),
    sessions: new MongoSessionRepository(db),
    requests: new MongoRequestRepository(db),
    bookings: new MongoBookingRepository(db),
    deliveries: new MongoDeliveryLog(db),
    idempotency: new MongoIdempotencyStore(db),
    uow: new MongoUnitOfWork(client),
    imageFiles: new MongoImageRepository(db),
  };
}
