import type { Collection, Db, Filter } from 'mongodb';
import type { PersonId } from '../../core/people/person.js';
import type { RequestQuery, RequestRepository } from '../../core/ports.js';
import type { MentorshipRequest, RequestId, RequestStatus } from '../../core/requests/request.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, isDuplicateKey, sessionOption } from './transaction.js';

type RequestDoc = Omit<MentorshipRequest, 'id'> & { _id: RequestId };

export const requestIndexes: IndexDeclaration[] = [
  // docs/product.md#mentorship-requests: one open request per mentee-mentor pair, whichever
  // side sent it. Only pending requests are in the index, so a declined or expired request
  // never blocks a new one.
  {
    collection: 'requests',
    key: { menteeId: 1, mentorId: 1 },
    options: {
      name: 'one_open_request_per_pair',
      unique: true,
      partialFilterExpression: { status: 'pending' },
    },
  },
  {
    collection: 'requests',
    key: { workspaceId: 1, menteeId: 1, createdAt: -1 },
    options: { name: 'requests_by_mentee' },
  },
  {
    collection: 'requests',
    key: { workspaceId: 1, mentorId: 1, createdAt: -1 },
    options: { name: 'requests_by_mentor' },
  },
  {
    collection: 'requests',
    key: { status: 1, expiresAt: 1 },
    options: { name: 'requests_expiry' },
  },
];

function toRequest(doc: RequestDoc): MentorshipRequest {
  const { _id, message, sessionId, ...rest } = doc;
  // Absent optional fields may come back as null from older writers; the core wants them absent.
  return {
    id: _id,
    ...rest,
    ...(message != null ? { message } : {}),
    ...(sessionId != null ? { sessionId } : {}),
  };
}

function toDoc(request: MentorshipRequest): RequestDoc {
  const { id, message, sessionId, ...rest } = request;
  return {
    _id: id,
    ...rest,
    ...(message !== undefined ? { message } : {}),
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}

/** The filter of a request query (its limit aside). */
function requestFilter(query: Omit<RequestQuery, 'limit'>): Filter<RequestDoc> {
  // Built as a plain record: the core types are readonly, the filter is assembled here.
  const filter: Record<string, unknown> = { workspaceId: query.workspaceId };
  if (query.menteeId) filter.menteeId = query.menteeId;
  if (query.mentorId) filter.mentorId = query.mentorId;
  if (query.kind) filter.kind = query.kind;
  if (query.statuses) filter.status = { $in: [...query.statuses] };
  return filter as Filter<RequestDoc>;
}

export class MongoRequestRepository implements RequestRepository {
  private readonly collection: Collection<RequestDoc>;

  constructor(db: Db) {
    this.collection = db.collection<RequestDoc>('requests');
  }

  insert(request: MentorshipRequest) {
    return guard(async (): Promise<'created' | 'duplicate'> => {
      try {
        await this.collection.insertOne(toDoc(request), sessionOption());
        return 'created';
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
    });
  }

  get(id: RequestId) {
    return guard(async () => {
      const doc = await this.collection.findOne({ _id: id }, sessionOption());
      return doc ? toRequest(doc) : undefined;
    });
  }

  findPending(menteeId: PersonId, mentorId: PersonId) {
    return guard(async () => {
      const doc = await this.collection.findOne(
        { menteeId, mentorId, status: 'pending' },
        sessionOption(),
      );
      return doc ? toRequest(doc) : undefined;
    });
  }

  find(query: RequestQuery) {
    return guard(async () => {
      const docs = await this.collection
        .find(requestFilter(query), sessionOption())
        .sort({ createdAt: -1, _id: -1 })
        .limit(query.limit)
        .toArray();
      return docs.map(toRequest);
    });
  }

  count(query: Omit<RequestQuery, 'limit'>) {
    return guard(() => this.collection.countDocuments(requestFilter(query), sessionOption()));
  }

  transition(
    id: RequestId,
    from: readonly RequestStatus[],
    to: RequestStatus,
    now: Date,
    changes: { sessionId?: string } = {},
  ) {
    return guard(async () => {
      const doc = await this.collection.findOneAndUpdate(
        { _id: id, status: { $in: [...from] } },
        {
          $set: {
            status: to,
            updatedAt: now,
            ...(changes.sessionId !== undefined ? { sessionId: changes.sessionId } : {}),
          },
        },
        { returnDocument: 'after', ...sessionOption() },
      );
      return doc ? toRequest(doc) : undefined;
    });
  }

  findExpired(now: Date, limit: number) {
    return guard(async () => {
      const docs = await this.collection
        .find({ status: 'pending', expiresAt: { $lte: now } }, sessionOption())
        .sort({ expiresAt: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map(toRequest);
    });
  }
}
