import { LRUCache } from 'lru-cache';
import type { Mentorship } from '../core/api.js';
import { ok, type Result } from '../core/errors.js';
import type { Clock } from '../core/time.js';
import type { Arrival, ArriveInput } from '../core/workspaces/arrive.js';

type Arrived = Extract<Arrival, { installed: true }>;

export interface RecentArrivalsOptions {
  /** How long a person seen with the same identity is served from memory. */
  readonly ttlMs?: number;
  /** How many people are remembered; the least recently seen go first. */
  readonly max?: number;
  /** The TTL's clock (tests move it by hand); the system clock otherwise. */
  readonly clock?: Clock;
}

interface Seen {
  /** Name, zone, email and configured-admin flag, as last written. */
  readonly fingerprint: string;
  readonly arrival: Arrived;
}

const fingerprintOf = (input: ArriveInput) =>
  JSON.stringify([
    input.identity.displayName,
    input.identity.timeZone ?? '',
    input.identity.email ?? '',
    input.configuredAdmin === true,
  ]);

/**
 * `arrive` on every interaction, without writing the same identity again and again: a person
 * seen with the same name, zone and email within the TTL is answered from memory. Only
 * installed arrivals are remembered, so an uninstalled workspace is asked about each time.
 * Use cases load the actor from the database themselves: a remembered person only feeds
 * the adapter's rendering and routing, never a permission.
 */
export class RecentArrivals {
  private readonly seen: LRUCache<string, Seen>;

  constructor(
    private readonly mentorship: Pick<Mentorship, 'arrive'>,
    options: RecentArrivalsOptions = {},
  ) {
    const clock = options.clock;
    this.seen = new LRUCache<string, Seen>({
      max: options.max ?? 50_000,
      ttl: options.ttlMs ?? 60_000,
      ...(clock ? { perf: { now: () => clock.now().getTime() } } : {}),
    });
  }

  async arrive(input: ArriveInput): Promise<Result<Arrival>> {
    const { platform, tenantId, userId } = input.identity;
    const key = `${platform}:${tenantId}:${userId}`;
    const fingerprint = fingerprintOf(input);
    const hit = this.seen.get(key);
    if (hit && hit.fingerprint === fingerprint) return ok(hit.arrival);
    const arrived = await this.mentorship.arrive(input);
    if (arrived.ok && arrived.value.installed) {
      this.seen.set(key, { fingerprint, arrival: arrived.value });
    }
    return arrived;
  }

  /** Forgets a person (their roles changed), so their next arrival reads them again. */
  forget(platform: string, tenantId: string, userId: string): void {
    this.seen.delete(`${platform}:${tenantId}:${userId}`);
  }

  get size(): number {
    return this.seen.size;
  }
}
