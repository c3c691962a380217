import { z } from 'zod';
import { mayEditMentorProfile } from '../actions.js';
import { SLOT_LENGTHS, slotMinutesOf } from '../booking/slots.js';
import { fail, ok, type Result } from '../errors.js';
import { offeredMeetingPlatforms, usablePlatform } from '../sessions/meeting.js';
import { type Actor, type CoreDeps, runQuery } from '../usecase.js';
import { isMentor, type MeetingPlatform, type WeeklySlot } from './person.js';
import { askAnAdmin } from './save-mentor-profile.js';

/** The mentor profile form (docs/product.md#profiles): the saved profile, or empty values and the defaults. */
export interface MentorProfileFormView {
  /** The mentor's own zone: the weekly availability is written in it. */
  readonly timeZone: string;
  /** Saving makes the person a mentor (docs/product.md#self-serve-mentors). */
  readonly becomesMentor: boolean;
  readonly values: {
    readonly headline: string;
    readonly bio: string;
    readonly expertise: readonly string[];
    readonly availability: readonly WeeklySlot[];
    readonly meetingPlatform: MeetingPlatform;
    readonly meetingUrl: string;
    /** Minutes per bookable slot (docs/product.md#booking). */
    readonly slotMinutes: number;
  };
  readonly choices: {
    readonly meetingPlatforms: readonly MeetingPlatform[];
    /** The slot lengths to choose from, in minutes. */
    readonly slotMinutes: readonly number[];
  };
  /** The workspace's default meeting platform (docs/product.md#workspace-settings). */
  readonly defaults: { readonly meetingPlatform: MeetingPlatform };
}

/** The mentee profile form (docs/product.md#profiles). */
export interface MenteeProfileFormView {
  readonly values: { readonly interests: readonly string[]; readonly lookingForMentor: boolean };
}

const none = z.object({}).default({});

/**
 * The mentor profile form. The same check as saving: a mentor, or anyone when self-serve
 * mentors is on; otherwise the person is told which admin to ask, before filling anything in.
 */
export function mentorProfileForm(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<MentorProfileFormView>> {
  return runQuery(deps, request, none, async (ctx) => {
    const { actor, workspace } = ctx;
    if (!mayEditMentorProfile(actor, workspace.config)) {
      return fail(await askAnAdmin(deps, workspace));
    }
    const profile = actor.mentorProfile;
    const platforms = offeredMeetingPlatforms(deps);
    const fallback = usablePlatform(workspace.config.defaultMeetingPlatform, platforms);
    return ok({
      timeZone: actor.timeZone,
      becomesMentor: !isMentor(actor),
      values: {
        headline: profile?.headline ?? '',
        bio: profile?.bio ?? '',
        expertise: profile?.expertise ?? [],
        availability: profile?.availability ?? [],
        meetingPlatform: usablePlatform(profile?.meetingPlatform ?? fallback, platforms),
        meetingUrl: profile?.meetingUrl ?? '',
        slotMinutes: slotMinutesOf(profile),
      },
      choices: { meetingPlatforms: platforms, slotMinutes: SLOT_LENGTHS },
      defaults: { meetingPlatform: fallback },
    });
  });
}

/** The mentee profile form: everyone has one. */
export function menteeProfileForm(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<MenteeProfileFormView>> {
  return runQuery(deps, request, none, async ({ actor }) =>
    ok({
      values: {
        interests: actor.menteeProfile.interests,
        lookingForMentor: actor.menteeProfile.lookingForMentor,
      },
    }),
  );
}
