import { createHash } from 'node:crypto';
import { InfrastructureError } from '../../core/errors.js';
import type { MeetingRoom, MeetingRooms } from '../../core/ports.js';

export interface BigBlueButtonOptions {
  /** The server's URL as `bbb-conf --secret` prints it (…/bigbluebutton/), or its …/api/. */
  readonly url: string;
  /** The shared secret (`securitySalt`) every call is signed with. */
  readonly secret: string;
  /** Budget for one API call. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The API's base, …/bigbluebutton/api/, whichever of the two forms was configured. */
export function apiBaseOf(url: string): string {
  const withSlash = url.endsWith('/') ? url : `${url}/`;
  return /\/api\/$/.test(withSlash) ? withSlash : `${withSlash}api/`;
}

/**
 * BigBlueButton's API (https://docs.bigbluebutton.org/development/api): every call is
 * `<base><call>?<query>&checksum=<hex>`, the checksum being SHA-256 of the call name, the
 * query string exactly as sent, and the shared secret. `create` opens a meeting (calling it
 * again for a running meeting is harmless); `join` is a link the person's browser opens, so
 * making one needs no request: it is signed here, one per person and role.
 */
export class BigBlueButton implements MeetingRooms {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: BigBlueButtonOptions) {
    this.base = apiBaseOf(options.url);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.fetch = options.fetch ?? fetch;
  }

  /** A signed call URL. */
  signed(call: string, params: Record<string, string>): string {
    const query = new URLSearchParams(params).toString();
    const checksum = createHash('sha256')
      .update(call + query + this.options.secret)
      .digest('hex');
    return `${this.base}${call}?${query}&checksum=${checksum}`;
  }

  async open(room: MeetingRoom): Promise<void> {
    const url = this.signed('create', {
      name: room.name,
      meetingID: room.id,
      record: 'false',
    });
    let body: string;
    try {
      const res = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      body = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      throw new InfrastructureError('BigBlueButton create failed', { cause: err });
    }
    const code = /<returncode>\s*([A-Z]+)\s*<\/returncode>/.exec(body)?.[1];
    if (code !== 'SUCCESS') {
      const key = /<messageKey>([^<]*)<\/messageKey>/.exec(body)?.[1] ?? 'no returncode';
      throw new InfrastructureError(`BigBlueButton refused create: ${key}`);
    }
  }

  joinUrl(
    room: MeetingRoom,
    person: { readonly id: string; readonly name: string },
    role: 'moderator' | 'viewer',
  ): string {
    return this.signed('join', {
      fullName: person.name,
      meetingID: room.id,
      role: role === 'moderator' ? 'MODERATOR' : 'VIEWER',
      userID: person.id,
      redirect: 'true',
    });
  }
}
