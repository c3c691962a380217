import { z } from 'zod';
import { meetingUrlProblem } from '../people/meeting-url.js';
import type { MeetingPlatform } from '../people/person.js';
import type { MeetingInfo } from './session.js';

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
