import type { Collection, Db } from 'mongodb';
import type { PersonId } from '../../core/people/person.js';
import type { BookingRepository } from '../../core/ports.js';
import type { SessionId } from '../../core/sessions/session.js';
import type { IndexDeclaration } from './indexes.js';
import { guard, isDuplicateKey, sessionOption } from './transaction.js';

/** One booked slot of a mentor's availability; keyed by the session it became. */
interface BookingDoc {
  _id: SessionId;
  mentorId: PersonId;
  menteeId: PersonId;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export const bookingIndexes: IndexDeclaration[] = [
  // docs/product.md#booking: a slot is never booked twice. Two mentees claiming it at once: one
  // insert wins.
  {
    collection: 'bookings',
    key: { mentorId: 1, startsAt: 1 },
    options: { name: 'one_booking_per_slot', unique: true },
  },
];

export class MongoBookingRepository implements BookingRepository {
  private readonly collection: Collection<BookingDoc>;

  constructor(db: Db) {
    this.collection = db.collection<BookingDoc>('bookings');
  }

  claim(booking: Parameters<BookingRepository['claim']>[0]) {
    return guard(async () => {
      const { sessionId, ...rest } = booking;
      try {
        await this.collection.insertOne({ _id: sessionId, ...rest }, sessionOption());
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    });
  }

  bookedStarts(mentorId: PersonId, from: Date, until: Date) {
    return guard(async () => {
      const docs = await this.collection
        .find(
          { mentorId, startsAt: { $gte: from, $lt: until } },
          { projection: { startsAt: 1 }, ...sessionOption() },
        )
        .sort({ startsAt: 1 })
        .toArray();
      return docs.map((d) => d.startsAt);
    });
  }

  release(sessionId: SessionId) {
    return guard(async () => {
      await this.collection.deleteOne({ _id: sessionId }, sessionOption());
    });
  }
}
