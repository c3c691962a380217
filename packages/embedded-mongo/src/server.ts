import net from 'node:net';
import type { Document } from 'bson';
import { Catalog } from './catalog.js';
import { helloReply } from './commands/admin.js';
import type { ServerInfo } from './commands/context.js';
import { Cursors } from './cursors.js';
import { type Client, ClusterClock, execute, type Shared } from './dispatch.js';
import { CommandError } from './errors.js';
import { FailPoints } from './failpoints.js';
import type { EmbeddedMongo, EmbeddedMongoLogger, EmbeddedMongoOptions } from './index.js';
import { Sessions } from './transactions.js';
import { expireDocuments } from './ttl.js';
import {
  encodeOpMsg,
  encodeOpReply,
  HEADER_SIZE,
  MAX_MESSAGE_SIZE,
  MORE_TO_COME,
  OP_COMPRESSED,
  OP_MSG,
  OP_QUERY,
  ProtocolError,
  parseOpMsg,
  parseOpQuery,
  readHeader,
} from './wire.js';

const HOST = '127.0.0.1';
const TTL_INTERVAL_MS = 60_000;

const silent: EmbeddedMongoLogger = { info() {}, warn() {}, error() {} };

const LEGACY_HANDSHAKE = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * One client connection: buffers bytes into frames and answers each in order. A fail point
 * may hold a command back (`blockConnection`): the frames after it wait their turn.
 */
class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private nextRequestId = 1;
  private readonly frames: Buffer[] = [];
  private blocked = false;
  private readonly client: Client;

  constructor(
    private readonly socket: net.Socket,
    private readonly shared: Shared,
    id: number,
    private readonly logger: EmbeddedMongoLogger,
  ) {
    this.client = { id };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (err) =>
      logger.warn({ err: err.message, connection: id }, 'embedded mongo connection error'),
    );
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      while (this.buffered >= 4) {
        // Read the length first and join the chunks only once the whole frame is here: a
        // large message arrives in hundreds of chunks, and joining at each one is quadratic.
        let first = this.chunks[0] as Buffer;
        if (first.length < 4) {
          first = Buffer.concat(this.chunks);
          this.chunks = [first];
        }
        const length = first.readInt32LE(0);
        if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
          throw new ProtocolError(`invalid message length ${length}`);
        }
        if (this.buffered < length) break;
        const head = this.chunks.length === 1 ? first : Buffer.concat(this.chunks);
        this.frames.push(head.subarray(0, length));
        const rest = head.subarray(length);
        this.chunks = rest.length > 0 ? [rest] : [];
        this.buffered = rest.length;
      }
      this.drain();
    } catch (err) {
      this.malformed(err);
    }
  }

  private malformed(err: unknown): void {
    this.logger.warn(
      { connection: this.client.id, reason: (err as Error).message },
      'embedded mongo closed a connection that sent a malformed message',
    );
    this.chunks = [];
    this.buffered = 0;
    this.frames.length = 0;
    this.socket.destroy();
  }

  private drain(): void {
    while (!this.blocked && this.frames.length > 0 && !this.socket.destroyed) {
      this.handle(this.frames.shift() as Buffer);
    }
  }

  private handle(frame: Buffer): void {
    const header = readHeader(frame);
    if (header.opCode === OP_MSG) {
      const { flags, command } = parseOpMsg(frame);
      this.noteHandshake(command);
      const fault = this.shared.failPoints.commandFault(
        Object.keys(command)[0] ?? '',
        this.client.appName,
      );
      if (fault?.closeConnection) {
        this.socket.destroy();
        return;
      }
      const answer = () => {
        const { reply, close } = execute(this.shared, command, this.client, fault);
        if (close) this.socket.destroy();
        else if (!(flags & MORE_TO_COME)) {
          // MORE_TO_COME: an unacknowledged write, no reply is expected.
          this.send(encodeOpMsg(this.nextRequestId++, header.requestId, reply));
        }
      };
      if (fault && fault.blockTimeMS > 0) {
        this.blocked = true;
        setTimeout(() => {
          this.blocked = false;
          if (this.socket.destroyed) return;
          answer();
          try {
            this.drain();
          } catch (err) {
            this.malformed(err);
          }
        }, fault.blockTimeMS);
        return;
      }
      answer();
      return;
    }
    if (header.opCode === OP_QUERY) {
      const { collection, query } = parseOpQuery(frame);
      const name = Object.keys(query)[0] ?? '';
      let reply: Document;
      if (collection.endsWith('.$cmd') && LEGACY_HANDSHAKE.has(name)) {
        this.noteHandshake(query);
        reply = helloReply(this.shared.server, this.client.id, true);
      } else {
        reply = new CommandError(
          'UnsupportedOpQueryCommand',
          `Unsupported OP_QUERY command: ${name || collection}. The client driver may require an upgrade. Only hello/isMaster may use OP_QUERY; everything else must use OP_MSG.`,
        ).toReply();
      }
      this.send(encodeOpReply(this.nextRequestId++, header.requestId, reply));
      return;
    }
    const what =
      header.opCode === OP_COMPRESSED
        ? 'OP_COMPRESSED (compression was not negotiated)'
        : `opCode ${header.opCode}`;
    throw new ProtocolError(
      `unsupported ${what}; the embedded server speaks OP_MSG and the OP_QUERY handshake only`,
    );
  }

  /** The driver names its application in the handshake; `failCommand` can filter on it. */
  private noteHandshake(command: Document): void {
    const name = (command.client as Document | undefined)?.application?.name;
    if (typeof name === 'string') this.client.appName = name;
  }

  private send(buf: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(buf);
  }
}

export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const logger = options.logger ?? silent;
  const sockets = new Set<net.Socket>();
  let nextConnectionId = 1;
  const info: { host: string; port: number; startedAt: Date } = {
    host: HOST,
    port: options.port ?? 0,
    startedAt: new Date(),
  };
  const shared: Shared = {
    catalog: new Catalog(),
    cursors: new Cursors(),
    sessions: new Sessions(),
    server: info as ServerInfo,
    failPoints: new FailPoints(),
    testCommands: options.enableTestCommands === true,
    clock: new ClusterClock(),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Connection(socket, shared, nextConnectionId++, logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err: err.message }, 'embedded mongo listener error'));
  info.port = (server.address() as net.AddressInfo).port;
  const timer = setInterval(() => {
    try {
      expireDocuments(shared.catalog);
      shared.sessions.sweep();
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'embedded mongo TTL sweep failed');
    }
  }, TTL_INTERVAL_MS);
  timer.unref();

  const uri = `mongodb://${HOST}:${info.port}/`;
  return {
    uri,
    port: info.port,
    async stop() {
      clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
