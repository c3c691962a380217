import { BSON, type Document } from 'bson';
import CRC32C from 'crc-32/crc32c.js';

/** Message framing of the MongoDB wire protocol (little-endian throughout). */
export const OP_REPLY = 1;
export const OP_COMPRESSED = 2012;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;
export const MAX_MESSAGE_SIZE = 48_000_000;

const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;
const KNOWN_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME | (1 << 16);

/** A frame that cannot be parsed: the connection that sent it is closed. */
export class ProtocolError extends Error {}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export function readHeader(buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

const DESERIALIZE = {
  promoteValues: true,
  promoteLongs: true,
  validation: { utf8: true },
} as const;

function readDocument(buf: Buffer, offset: number, end: number): { doc: Document; next: number } {
  if (offset + 5 > end) throw new ProtocolError('document runs past the end of the message');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid document size ${size}`);
  try {
    return {
      doc: BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE),
      next: offset + size,
    };
  } catch (err) {
    throw new ProtocolError(`malformed BSON: ${(err as Error).message}`);
  }
}

function readCString(buf: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated string');
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

export interface OpMsg {
  flags: number;
  command: Document;
}

/** Parses a whole OP_MSG frame (header included): the body plus document sequences. */
export function parseOpMsg(frame: Buffer): OpMsg {
  const flags = frame.readUInt32LE(HEADER_SIZE);
  if ((flags & ~KNOWN_FLAGS & 0xffff) !== 0) {
    throw new ProtocolError(`OP_MSG has unknown required flag bits ${flags}`);
  }
  let end = frame.length;
  if (flags & CHECKSUM_PRESENT) {
    if (frame.length < HEADER_SIZE + 4 + 4) throw new ProtocolError('OP_MSG checksum missing');
    end -= 4;
    const expected = frame.readUInt32LE(end);
    const actual = CRC32C.buf(frame.subarray(0, end)) >>> 0;
    if (expected !== actual) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const read = readDocument(frame, offset, end);
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = frame.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError('invalid document sequence size');
      const id = readCString(frame, offset + 4, sectionEnd);
      const docs: Document[] = [];
      let at = id.next;
      while (at < sectionEnd) {
        const read = readDocument(frame, at, sectionEnd);
        docs.push(read.doc);
        at = read.next;
      }
      sequences[id.value] = [...(sequences[id.value] ?? []), ...docs];
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`OP_MSG has unknown section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [field, docs] of Object.entries(sequences)) body[field] = docs;
  return { flags, command: body };
}

export interface OpQuery {
  collection: string;
  query: Document;
}

/** OP_QUERY, kept only for the legacy hello/isMaster handshake drivers open with. */
export function parseOpQuery(frame: Buffer): OpQuery {
  let offset = HEADER_SIZE + 4;
  const name = readCString(frame, offset, frame.length);
  offset = name.next + 8;
  const read = readDocument(frame, offset, frame.length);
  let query = read.doc;
  // Wrapped form: { $query: { isMaster: 1 }, $readPreference: ... }
  if (query.$query && typeof query.$query === 'object') query = query.$query as Document;
  return { collection: name.value, query };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.alloc(HEADER_SIZE);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

const SERIALIZE = { ignoreUndefined: true } as const;

export function encodeOpMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc, SERIALIZE);
  const length = HEADER_SIZE + 4 + 1 + body.length;
  const prefix = Buffer.alloc(5);
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), prefix, body], length);
}

export function encodeOpReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc, SERIALIZE);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const length = HEADER_SIZE + fields.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body], length);
}
