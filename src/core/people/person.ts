import type { Identity } from '../ports.js';
import type { TimeZoneSource } from '../time.js';

/** docs/product.md#person: one chat identity, `(platform, tenantId, userId)`. */
export type Platform = 'slack' | 'teams';

export type Role = 'mentee' | 'mentor' | 'sessionManager' | 'admin';
export const ROLES: readonly Role[] = ['mentee', 'mentor', 'sessionManager', 'admin'];

/** `slack:T123:U456`: stable, and unique across platforms and workspaces. */
export type PersonId = string;
/** `slack:T123`: one Slack team/enterprise or Teams tenant. */
export type WorkspaceId = string;

export function workspaceIdOf(platform: Platform, tenantId: string): WorkspaceId {
  return `${platform}:${tenantId}`;
}

export function personIdOf(platform: Platform, tenantId: string, userId: string): PersonId {
  return `${platform}:${tenantId}:${userId}`;
}

/** A weekly window of availability, in the mentor's own zone: e.g. Tue 14:00-16:00. */
export interface WeeklySlot {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
  /** "HH:mm", wall-clock time in the mentor's zone. */
  readonly start: string;
  readonly end: string;
}

export type MeetingPlatform = 'bigbluebutton' | 'gmeet' | 'whatsapp' | 'zoom';
export const MEETING_PLATFORMS: readonly MeetingPlatform[] = [
  'bigbluebutton',
  'gmeet',
  'whatsapp',
  'zoom',
];

export interface MentorProfile {
  readonly headline: string;
  readonly bio: string;
  readonly expertise: readonly string[];
  readonly availability: readonly WeeklySlot[];
  /** Used for sessions booked from availability (docs/product.md#booking). */
  readonly meetingPlatform: MeetingPlatform;
  /** For platforms that need a link: the mentor's standing meeting room. */
  readonly meetingUrl?: string;
  /**
   * How long each bookable slot of the availability is, in minutes (one of SLOT_LENGTHS);
   * absent: DEFAULT_SLOT_MINUTES (docs/product.md#booking).
   */
  readonly slotMinutes?: number;
}

export interface MenteeProfile {
  readonly interests: readonly string[];
  readonly lookingForMentor: boolean;
}

/**
 * A person: their identity on the platform (its `timeZone` the IANA zone from Slack's
 * `users.info` or Teams' `localTimezone`), plus what mentorbot keeps about them.
 */
export interface Person extends Identity {
  readonly id: PersonId;
  readonly workspaceId: WorkspaceId;
  /** Everyone is a mentee; the other roles are granted. */
  readonly roles: readonly Role[];
  /**
   * Where `timeZone` comes from; absent (people stored before it was kept): their platform.
   * `workspace`: their own zone is not known, so it is the workspace's default
   * (docs/product.md#time).
   */
  readonly timeZoneFrom?: TimeZoneSource;
  readonly mentorProfile?: MentorProfile;
  readonly menteeProfile: MenteeProfile;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const hasRole = (person: Pick<Person, 'roles'>, role: Role) =>
  role === 'mentee' || person.roles.includes(role);

export const isMentor = (person: Pick<Person, 'roles'>) => hasRole(person, 'mentor');
export const isAdmin = (person: Pick<Person, 'roles'>) => hasRole(person, 'admin');
export const isSessionManager = (person: Pick<Person, 'roles'>) =>
  hasRole(person, 'sessionManager');
