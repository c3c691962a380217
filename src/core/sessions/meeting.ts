import { z } from 'zod';
import { meetingUrlProblem } from '../people/meeting-url.js';
import { MEETING_PLATFORMS, type MeetingPlatform, type Person } from '../people/person.js';
import type { MeetingRooms } from '../ports.js';
import type { CoreDeps } from '../usecase.js';
import type { SessionCard } from '../views.js';
import type { MeetingInfo, Session } from './session.js';

/**
 * The meeting link form (docs/product.md#meeting-link): BigBlueButton needs nothing (the
 * service makes the room); Google Meet and WhatsApp need their link; Zoom needs its link,
 * meeting id and passcode. Each error names its field (`meeting.url`, `meeting.meetingId`,
 * `meeting.passcode`).
 */

const linkFor = (platform: Exclude<MeetingPlatform, 'bigbluebutton'>) =>
  z
    .string({ error: meetingUrlProblem(platform, undefined) })
    .trim()
    .superRefine((url, ctx) => {
      const problem = meetingUrlProblem(platform, url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const ZOOM_ID = /^\d{9,11}$/;

export const meetingSchema = z.discriminatedUnion(
  'platform',
  [
    z.object({ platform: z.literal('bigbluebutton') }),
    z.object({ platform: z.literal('gmeet'), url: linkFor('gmeet') }),
    z.object({ platform: z.literal('whatsapp'), url: linkFor('whatsapp') }),
    z.object({
      platform: z.literal('zoom'),
      url: linkFor('zoom'),
      // People copy ids as "123 456 7890" or "123-456-7890"; only the digits matter.
      meetingId: z
        .string({ error: 'Enter the Zoom meeting ID.' })
        .transform((id) => id.replace(/[\s-]/g, ''))
        .refine((id) => ZOOM_ID.test(id), { error: 'A Zoom meeting ID is 9 to 11 digits.' }),
      passcode: z
        .string({ error: 'Enter the Zoom passcode.' })
        .trim()
        .min(1, { error: 'Enter the Zoom passcode.' })
        .max(10, { error: 'A Zoom passcode has at most 10 characters.' }),
    }),
  ],
  { error: 'Choose a meeting platform: BigBlueButton, Google Meet, WhatsApp or Zoom.' },
);

export const meetingInfoOf = (input: z.output<typeof meetingSchema>): MeetingInfo => ({ ...input });

/**
 * docs/product.md#lifecycle: publishing needs a meeting platform, BigBlueButton when none was
 * chosen.
 */
export const DEFAULT_MEETING: MeetingInfo = { platform: 'bigbluebutton' };

const PLATFORM_NAMES: Record<MeetingPlatform, string> = {
  bigbluebutton: 'BigBlueButton',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};

/** The platforms this server can host sessions on: BigBlueButton only when it is set up. */
export const offeredMeetingPlatforms = (deps: Pick<CoreDeps, 'rooms'>): MeetingPlatform[] =>
  MEETING_PLATFORMS.filter((p) => p !== 'bigbluebutton' || deps.rooms !== undefined);

/** The one sentence a person reads when something would need BigBlueButton and there is none. */
export const BIGBLUEBUTTON_MISSING =
  'BigBlueButton is not set up on this mentorbot server, so choose Google Meet, WhatsApp or Zoom and paste its link.';

/** A field error when `platform` cannot be used here; undefined when it can. */
export function platformProblem(
  deps: Pick<CoreDeps, 'rooms'>,
  platform: MeetingPlatform,
): string | undefined {
  return offeredMeetingPlatforms(deps).includes(platform) ? undefined : BIGBLUEBUTTON_MISSING;
}

/** `wanted` when this server offers it, otherwise the first platform it does offer. */
export const usablePlatform = (
  wanted: MeetingPlatform,
  offered: readonly MeetingPlatform[],
): MeetingPlatform => (offered.includes(wanted) ? wanted : (offered[0] ?? wanted));

export const platformName = (platform: MeetingPlatform) => PLATFORM_NAMES[platform];

/** "123 4567 8901": a Zoom meeting id grouped the way Zoom shows it. */
export function zoomIdText(id: string): string {
  const digits = id.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** What a participant needs to get in, for their reader: link, and Zoom's id and passcode. */
export interface MeetingAccess {
  readonly platform: MeetingPlatform;
  readonly url?: string;
  readonly meetingId?: string;
  readonly passcode?: string;
}

/**
 * The way into the session's meeting for this participant: the stored link, or for
 * BigBlueButton a link of their own (mentors moderate, mentees watch and talk).
 */
export function meetingAccessFor(
  session: Pick<Session, 'id' | 'title' | 'meeting' | 'mentorIds'>,
  viewer: Pick<Person, 'id' | 'displayName'>,
  rooms: MeetingRooms | undefined,
): MeetingAccess | undefined {
  const meeting = session.meeting;
  if (!meeting) return undefined;
  if (meeting.platform === 'bigbluebutton') {
    if (!rooms) return { platform: meeting.platform };
    const role = session.mentorIds.includes(viewer.id) ? 'moderator' : 'viewer';
    return {
      platform: meeting.platform,
      url: rooms.joinUrl(
        { id: session.id, name: session.title },
        { id: viewer.id, name: viewer.displayName },
        role,
      ),
    };
  }
  return {
    platform: meeting.platform,
    ...(meeting.url ? { url: meeting.url } : {}),
    ...(meeting.meetingId ? { meetingId: zoomIdText(meeting.meetingId) } : {}),
    ...(meeting.passcode ? { passcode: meeting.passcode } : {}),
  };
}

/** Opens the session's BigBlueButton room (idempotent); nothing for other platforms. */
export async function openRoom(
  deps: Pick<CoreDeps, 'rooms'>,
  session: Pick<Session, 'id' | 'title' | 'meeting'>,
): Promise<void> {
  if (session.meeting?.platform !== 'bigbluebutton' || !deps.rooms) return;
  await deps.rooms.open({ id: session.id, name: session.title });
}

/** "Zoom meeting ID 123 4567 8901 · Passcode 4kQ9" for a participant's card; else undefined. */
export function meetingAccessLine(
  card: Pick<SessionCard, 'meetingId' | 'meetingPasscode'>,
): string | undefined {
  if (!card.meetingId) return undefined;
  const passcode = card.meetingPasscode ? ` · Passcode ${card.meetingPasscode}` : '';
  return `Zoom meeting ID ${card.meetingId}${passcode}`;
}
