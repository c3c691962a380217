import { ObjectId } from 'mongodb';
import type { IdGenerator } from '../../core/ports.js';

/** Ids are ObjectId hex strings: unique, roughly time-ordered, and plain strings in the core. */
export const objectIdGenerator: IdGenerator = { next: () => new ObjectId().toHexString() };
