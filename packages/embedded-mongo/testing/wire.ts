import { createRequire } from 'node:module';
import net from 'node:net';
import { BSON, type Document } from 'bson';

/**
 * Hand-built MongoDB wire-protocol frames for tests that talk to a server over a raw socket.
 * Layout (all little-endian): header { messageLength, requestID, responseTo, opCode }, then
 * for OP_MSG: flagBits, sections (kind 0: one BSON body; kind 1: size, identifier, BSON
 * documents) and, when flagBits bit 0 is set, a CRC-32C of everything before it.
 */

export const OP_MSG = 2013;
export const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;

// crc-32 is CommonJS with its CRC-32C variant in a second file; load it the CommonJS way.
const CRC32C = createRequire(import.meta.url)('crc-32/crc32c') as {
  buf(data: Uint8Array, seed?: number): number;
};

export function crc32c(data: Uint8Array): number {
  return CRC32C.buf(data) >>> 0;
}

export function header(length: number, requestId: number, responseTo: number, opCode: number) {
  const buf = Buffer.alloc(16);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

export function bodySection(doc: Document): Buffer {
  return Buffer.concat([Buffer.from([0]), Buffer.from(BSON.serialize(doc))]);
}

export function sequenceSection(identifier: string, docs: Document[]): Buffer {
  const payload = Buffer.concat([
    Buffer.from(`${identifier}\0`, 'utf8'),
    ...docs.map((d) => Buffer.from(BSON.serialize(d))),
  ]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(payload.length + 4, 0);
  return Buffer.concat([Buffer.from([1]), size, payload]);
}

export interface OpMsgOptions {
  requestId?: number;
  flags?: number;
  /** Append a CRC-32C trailer (sets flag bit 0). */
  checksum?: boolean;
  /** Corrupt the trailer on purpose. */
  badChecksum?: boolean;
}

/** An OP_MSG frame from raw section bytes. */
export function opMsgFrame(sections: Buffer[], options: OpMsgOptions = {}): Buffer {
  const checksum = options.checksum || options.badChecksum;
  const flags = (options.flags ?? 0) | (checksum ? CHECKSUM_PRESENT : 0);
  const flagBuf = Buffer.alloc(4);
  flagBuf.writeUInt32LE(flags >>> 0, 0);
  const body = Buffer.concat([flagBuf, ...sections]);
  const length = 16 + body.length + (checksum ? 4 : 0);
  const withoutTrailer = Buffer.concat([header(length, options.requestId ?? 1, 0, OP_MSG), body]);
  if (!checksum) return withoutTrailer;
  const trailer = Buffer.alloc(4);
  const crc = crc32c(withoutTrailer);
  trailer.writeUInt32LE(options.badChecksum ? (crc ^ 0xffffffff) >>> 0 : crc, 0);
  return Buffer.concat([withoutTrailer, trailer]);
}

export function opMsg(doc: Document, options: OpMsgOptions = {}): Buffer {
  return opMsgFrame([bodySection(doc)], options);
}

export interface Reply {
  requestId: number;
  responseTo: number;
  opCode: number;
  flags: number;
  doc: Document;
}

export function parseReply(frame: Buffer): Reply {
  const opCode = frame.readInt32LE(12);
  if (opCode !== OP_MSG) throw new Error(`unexpected reply opCode ${opCode}`);
  const flags = frame.readUInt32LE(16);
  if (frame[20] !== 0) throw new Error(`unexpected first section kind ${frame[20]}`);
  const docLength = frame.readInt32LE(21);
  return {
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode,
    flags,
    doc: BSON.deserialize(frame.subarray(21, 21 + docLength)),
  };
}

/** A raw client connection that collects whole reply frames and notices when it closes. */
export class RawConnection {
  readonly closed: Promise<void>;
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private readonly frames: Buffer[] = [];
  private waiter: (() => void) | undefined;
  private isClosed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.isClosed = true;
        this.waiter?.();
        resolve();
      });
    });
    // A reset from the server is one of the expected ways to be disconnected.
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 4) {
        const length = this.buffer.readInt32LE(0);
        if (length < 16 || this.buffer.length < length) break;
        this.frames.push(this.buffer.subarray(0, length));
        this.buffer = this.buffer.subarray(length);
      }
      this.waiter?.();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve) => {
      if (this.isClosed) return resolve();
      this.socket.write(bytes, () => resolve());
    });
  }

  /** Half-closes our side: the server sees end-of-stream. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Resolves with the next reply frame, or rejects on close / timeout. */
  async nextReply(timeoutMs = 2_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.isClosed) throw new Error('connection closed before a reply arrived');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no reply within ${timeoutMs}ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    return parseReply(this.frames.shift()!);
  }

  /** True if the server closed the connection within the time limit. */
  async closedWithin(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.closed.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }
}

/** Deterministic bytes (xorshift32) so that a failing garbage case can be replayed. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
