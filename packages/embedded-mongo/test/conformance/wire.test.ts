import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnyDoc,
  externalMongoUri,
  type TestDatabase,
  useTestDatabase,
} from '../../testing/db.js';
import {
  bodySection,
  header,
  MORE_TO_COME,
  OP_MSG,
  opMsg,
  opMsgFrame,
  pseudoRandomBytes,
  RawConnection,
  sequenceSection,
} from '../../testing/wire.js';

// Hostile and hand-made frames against the embedded server's socket layer. A real server is
// not ours to poke, so this file only runs against the embedded one.
const onlyEmbedded = describe.skipIf(externalMongoUri() !== undefined);

let t: TestDatabase;
let port: number;
const opened: RawConnection[] = [];

async function connect(): Promise<RawConnection> {
  const connection = await RawConnection.open(port);
  opened.push(connection);
  return connection;
}

/** The server is still alive: the driver works and a fresh raw connection gets a reply. */
async function expectServerHealthy(): Promise<void> {
  expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  const fresh = await connect();
  await fresh.write(opMsg({ ping: 1, $db: 'admin' }, { requestId: 4242 }));
  const reply = await fresh.nextReply();
  expect(reply.responseTo).toBe(4242);
  expect(reply.doc.ok).toBe(1);
  fresh.destroy();
}

async function expectDisconnectedAfter(bytes: Uint8Array, options: { end?: boolean } = {}) {
  const connection = await connect();
  await connection.write(bytes);
  if (options.end) connection.end();
  expect(await connection.closedWithin(3_000), 'server should close the connection').toBe(true);
  await expectServerHealthy();
}

onlyEmbedded('wire protocol robustness (embedded server)', () => {
  beforeAll(async () => {
    t = await useTestDatabase();
    port = Number(new URL(t.uri.split(',')[0]!).port);
    expect(port).toBeGreaterThan(0);
  });

  afterEach(() => {
    for (const connection of opened.splice(0)) connection.destroy();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a well-formed OP_MSG with responseTo set to the request id', async () => {
    const connection = await connect();
    await connection.write(opMsg({ ping: 1, $db: 'admin' }, { requestId: 77 }));
    const reply = await connection.nextReply();
    expect(reply.opCode).toBe(OP_MSG);
    expect(reply.responseTo).toBe(77);
    expect(reply.doc).toMatchObject({ ok: 1 });
  });

  it.each([1, 2, 3, 4])('closes the connection on random bytes (seed %i)', async (seed) => {
    const garbage = pseudoRandomBytes(512, seed);
    // A length that matches what is sent makes the frame "complete", so the server has to
    // reject its content rather than wait for more bytes.
    garbage.writeInt32LE(garbage.length, 0);
    await expectDisconnectedAfter(garbage);
  });

  it('closes the connection when spoken to in HTTP', async () => {
    await expectDisconnectedAfter(Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
  });

  it('closes the connection on a truncated frame followed by end of stream', async () => {
    const frame = opMsg({ ping: 1, $db: 'admin' });
    await expectDisconnectedAfter(frame.subarray(0, frame.length - 5), { end: true });
  });

  it('closes the connection on a header shorter than a header', async () => {
    await expectDisconnectedAfter(Buffer.from([0x05, 0, 0, 0, 0xdd, 0x07]), { end: true });
  });

  it('closes the connection on a header claiming a huge length, without waiting for it', async () => {
    await expectDisconnectedAfter(header(0x7fffffff, 1, 0, OP_MSG));
  });

  it('closes the connection on a message length over 48 MB', async () => {
    await expectDisconnectedAfter(header(48_000_001, 1, 0, OP_MSG));
  });

  it('closes the connection on a negative or too-small message length', async () => {
    await expectDisconnectedAfter(header(-20, 1, 0, OP_MSG));
    await expectDisconnectedAfter(Buffer.concat([header(8, 1, 0, OP_MSG), Buffer.alloc(8)]));
  });

  it('closes the connection on an unknown opCode', async () => {
    const body = Buffer.alloc(20);
    await expectDisconnectedAfter(Buffer.concat([header(16 + body.length, 1, 0, 9999), body]));
  });

  it('closes the connection on an OP_MSG whose BSON length runs past the frame', async () => {
    const section = bodySection({ ping: 1, $db: 'admin' });
    section.writeInt32LE(10_000, 1);
    await expectDisconnectedAfter(opMsgFrame([section]));
  });

  it('closes the connection on an OP_MSG whose BSON has an invalid element type', async () => {
    const section = bodySection({ ping: 1, $db: 'admin' });
    section[5] = 0x7e; // type byte of the first element
    await expectDisconnectedAfter(opMsgFrame([section]));
  });

  it('closes the connection on an OP_MSG whose BSON is not NUL-terminated', async () => {
    const section = bodySection({ ping: 1, $db: 'admin' });
    section[section.length - 1] = 0x41;
    await expectDisconnectedAfter(opMsgFrame([section]));
  });

  it('closes the connection on an OP_MSG with an unknown section kind', async () => {
    const section = bodySection({ ping: 1, $db: 'admin' });
    section[0] = 7;
    await expectDisconnectedAfter(opMsgFrame([section]));
  });

  it('closes the connection on an OP_MSG with unknown required flag bits', async () => {
    // Bits 0-15 are required: a server that does not know one must reject the message.
    await expectDisconnectedAfter(opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 4 }));
  });

  it('accepts an OP_MSG carrying a valid CRC-32C checksum', async () => {
    const connection = await connect();
    await connection.write(opMsg({ ping: 1, $db: 'admin' }, { requestId: 9, checksum: true }));
    const reply = await connection.nextReply();
    expect(reply.responseTo).toBe(9);
    expect(reply.doc).toMatchObject({ ok: 1 });
  });

  it('closes the connection on an OP_MSG whose checksum does not match', async () => {
    await expectDisconnectedAfter(opMsg({ ping: 1, $db: 'admin' }, { badChecksum: true }));
  });

  it('accepts documents in a kind-1 document sequence section', async () => {
    const connection = await connect();
    const frame = opMsgFrame([
      bodySection({ insert: 'seq', $db: t.db.databaseName }),
      sequenceSection('documents', [{ _id: 1 }, { _id: 2 }]),
    ]);
    await connection.write(frame);
    const reply = await connection.nextReply();
    expect(reply.doc).toMatchObject({ ok: 1, n: 2 });
    expect(await t.db.collection('seq').countDocuments()).toBe(2);
  });

  it('sends no reply to a moreToCome write but still applies it', async () => {
    const connection = await connect();
    await connection.write(
      opMsg(
        {
          insert: 'fire_and_forget',
          documents: [{ _id: 'x' }],
          writeConcern: { w: 0 },
          $db: t.db.databaseName,
        },
        { requestId: 100, flags: MORE_TO_COME },
      ),
    );
    await connection.write(opMsg({ ping: 1, $db: 'admin' }, { requestId: 101 }));
    const reply = await connection.nextReply();
    expect(reply.responseTo).toBe(101);
    expect(await t.db.collection<AnyDoc>('fire_and_forget').countDocuments({ _id: 'x' })).toBe(1);
  });

  it('handles two frames arriving in one TCP write and one frame split across writes', async () => {
    const connection = await connect();
    const a = opMsg({ ping: 1, $db: 'admin' }, { requestId: 1 });
    const b = opMsg({ ping: 1, $db: 'admin' }, { requestId: 2 });
    await connection.write(Buffer.concat([a, b]));
    expect((await connection.nextReply()).responseTo).toBe(1);
    expect((await connection.nextReply()).responseTo).toBe(2);
    const c = opMsg({ ping: 1, $db: 'admin' }, { requestId: 3 });
    for (const part of [c.subarray(0, 3), c.subarray(3, 17), c.subarray(17)]) {
      await connection.write(part);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await connection.nextReply()).responseTo).toBe(3);
  });

  it('a command error is a reply, not a disconnect', async () => {
    const connection = await connect();
    await connection.write(opMsg({ notARealCommand: 1, $db: 'admin' }, { requestId: 5 }));
    const reply = await connection.nextReply();
    expect(reply.doc).toMatchObject({ ok: 0, code: 59 });
    expect(connection.isOpen).toBe(true);
  });
});
