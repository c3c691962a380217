import type { MeetingPlatform } from './person.js';

/**
 * Platforms whose meetings are joined through a link the mentor pastes
 * (docs/product.md#meeting-link).
 */
export const needsMeetingUrl = (platform: MeetingPlatform) => platform !== 'bigbluebutton';

const LABEL: Record<MeetingPlatform, string> = {
  bigbluebutton: 'BigBlueButton',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};

function parseHttps(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const hasPath = (url: URL) => url.pathname.length > 1;

/** Whether a link belongs to the platform; the link must lead to a meeting, not a home page. */
function matches(platform: MeetingPlatform, url: URL): boolean {
  const host = url.hostname.toLowerCase();
  switch (platform) {
    case 'gmeet':
      return host === 'meet.google.com' && hasPath(url);
    case 'whatsapp':
      return (host === 'chat.whatsapp.com' || host === 'wa.me') && hasPath(url);
    case 'zoom':
      return (host === 'zoom.us' || host.endsWith('.zoom.us')) && hasPath(url);
    case 'bigbluebutton':
      return true;
  }
}

const EXAMPLE: Record<Exclude<MeetingPlatform, 'bigbluebutton'>, string> = {
  gmeet: 'https://meet.google.com/abc-defg-hij',
  whatsapp: 'https://chat.whatsapp.com/... or https://wa.me/...',
  zoom: 'https://yourcompany.zoom.us/j/123456789',
};

/** A sentence for the person when the link does not fit the platform; undefined when it does. */
export function meetingUrlProblem(
  platform: MeetingPlatform,
  url: string | undefined,
): string | undefined {
  if (!needsMeetingUrl(platform)) return undefined;
  const example = EXAMPLE[platform as Exclude<MeetingPlatform, 'bigbluebutton'>];
  if (!url) return `Paste your ${LABEL[platform]} link, like ${example}.`;
  const parsed = parseHttps(url);
  if (!parsed || !matches(platform, parsed)) {
    return `That is not a ${LABEL[platform]} link. It should look like ${example}.`;
  }
  return undefined;
}

/** The meeting id in a Zoom link (`/j/123456789`), so booked sessions can show it. */
export function zoomMeetingIdOf(url: string): string | undefined {
  const match = /\/j\/(\d{9,12})/.exec(url);
  return match?.[1];
}
