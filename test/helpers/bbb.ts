import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A BigBlueButton server stand-in on 127.0.0.1: `create` and `join` answer as the real API
 * does (XML, returncode SUCCESS/FAILED) and refuse a call whose checksum is not the hash of
 * the call name, the query string as received (without `checksum`) and the shared secret.
 */
export interface BbbStandIn {
  /** The server's URL as `bbb-conf --secret` prints it: …/bigbluebutton/ */
  readonly url: string;
  readonly secret: string;
  /** Rooms created, by meeting id, with the name they were created with. */
  readonly meetings: Map<string, { name: string; creates: number }>;
  /** Every accepted join, in order. */
  readonly joins: { meetingID: string; fullName: string; role: string; userID: string }[];
  /** Every call refused for its checksum. */
  readonly refused: string[];
  /** Opens a join link as a browser would: what the server made of it. */
  join(link: string): Promise<{ ok: boolean; role?: string; fullName?: string; error?: string }>;
  stop(): Promise<void>;
}

const HASHES: Record<number, string> = { 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

const xml = (fields: Record<string, string>) =>
  `<response>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</response>`;

export async function startBbbStandIn(secret = 'bbb-test-secret-0123456789'): Promise<BbbStandIn> {
  const meetings = new Map<string, { name: string; creates: number }>();
  const joins: BbbStandIn['joins'] = [];
  const refused: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bbb.local');
    const call = url.pathname.replace(/^\/bigbluebutton\/api\//, '');
    const raw = (req.url ?? '').split('?')[1] ?? '';
    const query = raw.replace(/&?checksum=[0-9a-f]*$/, '');
    const checksum = url.searchParams.get('checksum') ?? '';
    const algorithm = HASHES[checksum.length];
    const expected = algorithm
      ? createHash(algorithm)
          .update(call + query + secret)
          .digest('hex')
      : undefined;
    res.setHeader('content-type', 'text/xml');
    if (!expected || expected !== checksum) {
      refused.push(req.url ?? '');
      res.end(xml({ returncode: 'FAILED', messageKey: 'checksumError' }));
      return;
    }
    const p = url.searchParams;
    if (call === 'create') {
      const id = p.get('meetingID') ?? '';
      const known = meetings.get(id);
      meetings.set(id, { name: p.get('name') ?? '', creates: (known?.creates ?? 0) + 1 });
      res.end(
        xml({
          returncode: 'SUCCESS',
          meetingID: id,
          ...(known ? { messageKey: 'duplicateWarning' } : {}),
        }),
      );
      return;
    }
    if (call === 'join') {
      const id = p.get('meetingID') ?? '';
      if (!meetings.has(id)) {
        res.end(xml({ returncode: 'FAILED', messageKey: 'notFound' }));
        return;
      }
      const join = {
        meetingID: id,
        fullName: p.get('fullName') ?? '',
        role: p.get('role') ?? '',
        userID: p.get('userID') ?? '',
      };
      joins.push(join);
      res.end(xml({ returncode: 'SUCCESS', role: join.role, fullName: join.fullName }));
      return;
    }
    res.statusCode = 404;
    res.end(xml({ returncode: 'FAILED', messageKey: 'unknownCall' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/bigbluebutton/`,
    secret,
    meetings,
    joins,
    refused,
    async join(link) {
      const body = await (await fetch(link)).text();
      const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
      return field('returncode') === 'SUCCESS'
        ? { ok: true, role: field('role') ?? '', fullName: field('fullName') ?? '' }
        : { ok: false, error: field('messageKey') ?? 'unknown' };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
