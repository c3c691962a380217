import { z } from 'zod';
import { mayEditMentorProfile } from '../actions.js';
import { SLOT_LENGTHS, slotMinutesOf } from '../booking/slots.js';
import { DomainError, ErrorCode, fail, notFound, ok, type Result, validation } from '../errors.js';
import { platformProblem } from '../sessions/meeting.js';
import { type Actor, type CoreDeps, runCommand } from '../usecase.js';
import type { Workspace } from '../workspaces/workspace.js';
import { availabilitySchema } from './availability.js';
import { meetingUrlProblem, needsMeetingUrl } from './meeting-url.js';
import { myProfileView } from './my-profile.js';
import { isAdmin, isMentor, MEETING_PLATFORMS, type MentorProfile } from './person.js';
import type { MyProfileView } from './profile.views.js';
import { tagListSchema } from './tags.js';

export const MAX_HEADLINE = 120;
export const MAX_BIO = 2000;

/** "Pick a slot length: 15, 30, 45, 60 or 90 minutes." */
const slotLengthError = `Pick a slot length: ${SLOT_LENGTHS.slice(0, -1).join(', ')} or ${SLOT_LENGTHS.at(-1)} minutes.`;

const schema = z.object({
  headline: z
    .string({ error: 'Write a headline.' })
    .trim()
    .min(1, { error: 'Write a headline, like "Staff engineer, happy to talk careers".' })
    .max(MAX_HEADLINE, { error: `Keep the headline to ${MAX_HEADLINE} characters or fewer.` }),
  bio: z
    .string({ error: 'The bio must be text.' })
    .trim()
    .max(MAX_BIO, { error: `Keep the bio to ${MAX_BIO} characters or fewer.` })
    .default(''),
  expertise: tagListSchema('expertise tag'),
  availability: availabilitySchema,
  /** Absent: the workspace's default meeting platform. */
  meetingPlatform: z.enum(MEETING_PLATFORMS, { error: 'Pick a meeting platform.' }).optional(),
  meetingUrl: z
    .string({ error: 'The meeting link must be text.' })
    .trim()
    .optional()
    .transform((url) => (url ? url : undefined)),
  /** Minutes per bookable slot, as a number or the text of one; absent: kept (or 30). */
  slotMinutes: z
    .union([z.number(), z.string()], { error: slotLengthError })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const n = Number(value);
      if (SLOT_LENGTHS.includes(n)) return n;
      ctx.addIssue({ code: 'custom', message: slotLengthError });
      return z.NEVER;
    }),
});

/** What a mentor fills in: the profile form's fields. */
export type MentorProfileInput = z.input<typeof schema>;

/** When self-serve mentors is off, the admins (by name when we know one) grant the role. */
export async function askAnAdmin(deps: CoreDeps, workspace: Workspace): Promise<DomainError> {
  const installer = await deps.people.get(workspace.installedBy);
  const who =
    installer && isAdmin(installer)
      ? `a mentorbot admin such as ${installer.displayName}`
      : 'a mentorbot admin';
  return new DomainError(
    ErrorCode.FeatureOff,
    `In this workspace only admins make people mentors. Ask ${who} to give you the mentor role, then set up your profile.`,
  );
}

/**
 * docs/product.md#mentor-profile: a mentor saves their headline, bio, expertise and weekly
 * availability (in their own zone), and the meeting room used for sessions booked from it.
 * Saving it first makes the person a mentor, when the workspace lets anyone become one
 * (docs/product.md#self-serve-mentors).
 */
export function saveMentorProfile(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<MyProfileView>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now }) => {
    if (!mayEditMentorProfile(actor, workspace.config)) {
      return fail(await askAnAdmin(deps, workspace));
    }
    const meetingPlatform = input.meetingPlatform ?? workspace.config.defaultMeetingPlatform;
    const unavailable = platformProblem(deps, meetingPlatform);
    if (unavailable) return fail(validation({ meetingPlatform: unavailable }));
    const problem = meetingUrlProblem(meetingPlatform, input.meetingUrl);
    if (problem) return fail(validation({ meetingUrl: problem }));
    const profile: MentorProfile = {
      headline: input.headline,
      bio: input.bio,
      expertise: input.expertise,
      availability: input.availability,
      meetingPlatform,
      slotMinutes: input.slotMinutes ?? slotMinutesOf(actor.mentorProfile),
      // BigBlueButton rooms are made by the service: a pasted link would never be used.
      ...(needsMeetingUrl(meetingPlatform) && input.meetingUrl
        ? { meetingUrl: input.meetingUrl }
        : {}),
    };
    if (!isMentor(actor)) await deps.people.addRole(actor.id, 'mentor', now);
    const saved = await deps.people.saveMentorProfile(actor.id, profile, now);
    if (!saved) return fail(notFound('person'));
    return ok(myProfileView(saved, workspace));
  });
}
