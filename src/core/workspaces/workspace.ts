import type { MeetingPlatform, PersonId, Platform, WorkspaceId } from '../people/person.js';

export type VocabularyName = 'recommendedFor' | 'categories' | 'medium';
export const VOCABULARY_NAMES: readonly VocabularyName[] = [
  'recommendedFor',
  'categories',
  'medium',
];

/** What an admin configures for the workspace (docs/product.md#workspace-settings). */
export interface WorkspaceConfig {
  /** Use-case 1: mentees may ask a mentor for a session. */
  readonly menteeRequests: boolean;
  /** Use-case 2: mentors may send "I want to mentor you!". */
  readonly mentorRequests: boolean;
  /** Anyone may set up a mentor profile; off: only admins grant the mentor role. */
  readonly selfServeMentors: boolean;
  /** Minutes before start, e.g. [1440, 15]. */
  readonly reminderOffsetsMinutes: readonly number[];
  readonly minSessionMinutes: number;
  readonly defaultSeatLimit: number;
  readonly defaultMeetingPlatform: MeetingPlatform;
  /** Pending requests older than this become `expired`. */
  readonly requestExpiryDays: number;
  readonly vocabularies: Readonly<Record<VocabularyName, readonly string[]>>;
  /**
   * The zone times are shown in to people whose own zone is not known yet (a Teams person the
   * bot learnt of from an admin's install), labelled so (docs/product.md#time).
   */
  readonly defaultTimeZone: string;
}

export const DEFAULT_CONFIG: WorkspaceConfig = Object.freeze({
  menteeRequests: true,
  mentorRequests: true,
  selfServeMentors: true,
  reminderOffsetsMinutes: Object.freeze([24 * 60, 15]),
  minSessionMinutes: 30,
  defaultSeatLimit: 10,
  defaultMeetingPlatform: 'bigbluebutton',
  requestExpiryDays: 30,
  vocabularies: Object.freeze({
    recommendedFor: Object.freeze(['Beginners', 'Intermediate', 'Advanced']),
    categories: Object.freeze(['Career', 'Engineering', 'Leadership', 'Design', 'Product']),
    medium: Object.freeze(['English']),
  }),
  defaultTimeZone: 'UTC',
});

export interface Workspace {
  readonly id: WorkspaceId;
  readonly platform: Platform;
  readonly tenantId: string;
  readonly name: string;
  readonly config: WorkspaceConfig;
  /**
   * The first person to install the app; the workspace's first admin
   * (docs/product.md#installation).
   */
  readonly installedBy: PersonId;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
