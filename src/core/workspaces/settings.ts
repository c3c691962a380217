import { z } from 'zod';
import { fail, forbidden, notFound, ok, type Result, validation } from '../errors.js';
import { parseDuration, wholeNumberField } from '../numbers.js';
import {
  isAdmin,
  MEETING_PLATFORMS,
  type MeetingPlatform,
  type Person,
  type PersonId,
  ROLES,
  type Role,
} from '../people/person.js';
import { offeredMeetingPlatforms, platformProblem, usablePlatform } from '../sessions/meeting.js';
import { isValidTimeZone } from '../time.js';
import { type Actor, type CoreDeps, runCommand, runQuery } from '../usecase.js';
import { durationText, plural } from '../words.js';
import { VOCABULARY_NAMES, type WorkspaceConfig } from './workspace.js';

const onlyAdmins = () => forbidden('Only mentorbot admins can change workspace settings.');

const vocabularyItem = z
  .string()
  .trim()
  .min(1, 'Items cannot be empty.')
  .max(40, 'Items can be at most 40 characters.');

const vocabulary = z
  .array(vocabularyItem)
  .max(100, 'A list can hold at most 100 items.')
  .transform((items) => [...new Map(items.map((i) => [i.toLowerCase(), i])).values()]);

const MAX_REMINDER = 14 * 24 * 60;

/**
 * Reminders as typed ("1 day, 15 minutes", "1440, 15") or as minutes: each one read as a
 * duration, every problem named. Stored as minutes, latest first, each once.
 */
const reminderOffsetsSchema = z
  .union([z.string(), z.array(z.union([z.number(), z.string()]))], {
    error: 'Give the reminders as times before the start, like 1 day, 15 minutes.',
  })
  .transform((value, ctx) => {
    const items =
      typeof value === 'string'
        ? value
            .split(/[,;\n]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : value;
    const offsets: number[] = [];
    for (const item of items) {
      const minutes = typeof item === 'number' ? item : parseDuration(item);
      const problem =
        minutes === undefined || !Number.isInteger(minutes)
          ? `"${item}" is not a time before the start: write it like 1 day or 15 minutes.`
          : minutes < 1
            ? 'A reminder must come at least 1 minute before the start.'
            : minutes > MAX_REMINDER
              ? `A reminder can be at most ${durationText(MAX_REMINDER)} before the start.`
              : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else offsets.push(minutes as number);
    }
    const unique = [...new Set(offsets)].sort((a, b) => b - a);
    if (unique.length > 5) ctx.addIssue({ code: 'custom', message: 'At most 5 reminders.' });
    return unique;
  });

/**
 * Every setting (docs/product.md#workspace-settings), each with a message naming what is wrong.
 */
export const settingsSchema = z.object({
  menteeRequests: z.boolean(),
  mentorRequests: z.boolean(),
  selfServeMentors: z.boolean(),
  reminderOffsetsMinutes: reminderOffsetsSchema,
  minSessionMinutes: wholeNumberField({
    what: 'The minimum session length',
    min: 5,
    max: 8 * 60,
    unit: durationText,
  }),
  defaultSeatLimit: wholeNumberField({
    what: 'The default seat limit',
    min: 1,
    max: 500,
    unit: (n) => plural(n, 'seat'),
  }),
  defaultMeetingPlatform: z.enum(MEETING_PLATFORMS, {
    error: `Choose one of ${MEETING_PLATFORMS.join(', ')}.`,
  }),
  requestExpiryDays: wholeNumberField({
    what: 'How long requests stay open',
    min: 1,
    max: 365,
    unit: (n) => plural(n, 'day'),
  }),
  vocabularies: z.object({
    recommendedFor: vocabulary,
    categories: vocabulary,
    medium: vocabulary,
  }),
  /** An IANA zone; absent or empty: the current one is kept. */
  defaultTimeZone: z
    .string({ error: 'Give the default time zone as a name like Europe/London.' })
    .trim()
    .optional()
    .transform((zone, ctx) => {
      if (!zone) return undefined;
      if (isValidTimeZone(zone)) return zone;
      ctx.addIssue({
        code: 'custom',
        message: `"${zone.slice(0, 60)}" is not a time zone: use a name like Europe/London or America/New_York.`,
      });
      return z.NEVER;
    }),
});

/**
 * The admin settings form (docs/product.md#workspace-settings): the current settings are its
 * values.
 */
export interface WorkspaceSettingsView {
  readonly workspaceName: string;
  readonly config: WorkspaceConfig;
  readonly vocabularyNames: typeof VOCABULARY_NAMES;
  readonly choices: {
    readonly meetingPlatforms: readonly MeetingPlatform[];
    /** Roles an admin grants or removes (everyone is a mentee). */
    readonly roles: readonly Role[];
  };
}

/** The admin settings form (docs/product.md#workspace-settings, also the roles form); admins only. */
export function getWorkspaceSettings(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<WorkspaceSettingsView>> {
  return runQuery(deps, { ...request, input: {} }, z.object({}), async ({ actor, workspace }) => {
    if (!isAdmin(actor)) return fail(onlyAdmins());
    const platforms = offeredMeetingPlatforms(deps);
    // A default this server cannot host (BigBlueButton, not set up) shows as the first one
    // it can, so the admin's next save picks another default.
    const defaultMeetingPlatform = usablePlatform(
      workspace.config.defaultMeetingPlatform,
      platforms,
    );
    return ok({
      workspaceName: workspace.name,
      config: { ...workspace.config, defaultMeetingPlatform },
      vocabularyNames: VOCABULARY_NAMES,
      choices: {
        meetingPlatforms: platforms,
        roles: ROLES.filter((role) => role !== 'mentee'),
      },
    });
  });
}

/** Saves the settings; the whole form is validated first, so nothing changes on an error. */
export function updateWorkspaceSettings(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<WorkspaceConfig>> {
  return runCommand(deps, request, settingsSchema, async ({ actor, workspace, input, now }) => {
    if (!isAdmin(actor)) return fail(onlyAdmins());
    if (platformProblem(deps, input.defaultMeetingPlatform)) {
      return fail(
        validation({
          defaultMeetingPlatform:
            'BigBlueButton is not set up on this mentorbot server: pick Google Meet, WhatsApp or Zoom as the default.',
        }),
      );
    }
    const defaultTimeZone = input.defaultTimeZone ?? workspace.config.defaultTimeZone;
    const saved = await deps.workspaces.saveConfig(
      workspace.id,
      { ...input, defaultTimeZone },
      now,
    );
    if (!saved) return fail(notFound('workspace'));
    // People whose own zone is not known see times in the new default from now on.
    if (defaultTimeZone !== workspace.config.defaultTimeZone) {
      await deps.people.followDefaultZone(workspace.id, defaultTimeZone, now);
    }
    return ok(saved.config);
  });
}

/** One person in the roles form: who, and the roles they hold now. */
export interface RoleHolder {
  readonly id: PersonId;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** The roles form (docs/product.md#roles): people of the workspace and the roles to change. */
export interface RolesFormView {
  readonly people: readonly RoleHolder[];
  readonly roles: readonly Role[];
}

const rolesFormSchema = z
  .object({
    text: z.string().trim().max(100).default(''),
    limit: z.number().int().min(1).max(100).default(100),
  })
  .default({ text: '', limit: 100 });

/**
 * People an admin may grant roles to or remove them from, by name, with their roles: for a
 * platform whose form cannot look people up itself (Teams; Slack has its user picker).
 */
export function getRolesForm(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<RolesFormView>> {
  return runQuery(deps, request, rolesFormSchema, async ({ actor, workspace, input }) => {
    if (!isAdmin(actor)) return fail(forbidden('Only mentorbot admins can grant or remove roles.'));
    const people = await deps.people.searchByName(workspace.id, input.text, input.limit);
    return ok({
      people: people.map((p) => ({
        id: p.id,
        name: p.displayName,
        roles: ROLES.filter((role) => role !== 'mentee' && p.roles.includes(role)),
      })),
      roles: ROLES.filter((role) => role !== 'mentee'),
    });
  });
}

const roleChange = z.object({
  personId: z.string().min(1, 'Choose a person.'),
  role: z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}.` }),
});

async function changeRole(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
  change: 'grant' | 'revoke',
): Promise<Result<Person>> {
  return runCommand(deps, request, roleChange, async ({ actor, workspace, input, now }) => {
    if (!isAdmin(actor)) return fail(forbidden('Only mentorbot admins can grant or remove roles.'));
    const target = await deps.people.get(input.personId as PersonId);
    if (!target || target.workspaceId !== workspace.id) return fail(notFound('person'));
    const role = input.role as Role;
    if (role === 'mentee') {
      return fail(forbidden('Everyone is a mentee; that role cannot be granted or removed.'));
    }
    if (change === 'revoke' && role === 'admin' && target.id === actor.id) {
      return fail(forbidden('You cannot remove your own admin role; ask another admin.'));
    }
    const updated =
      change === 'grant'
        ? await deps.people.addRole(target.id, role, now)
        : await deps.people.removeRole(target.id, role, now);
    return updated ? ok(updated) : fail(notFound('person'));
  });
}

/**
 * Admins grant roles (docs/product.md#roles); with self-serve mentors off, this is how mentors
 * are made.
 */
export const grantRole = (
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
) => changeRole(deps, request, 'grant');

export const revokeRole = (
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
) => changeRole(deps, request, 'revoke');
