import { formatRange, formatTime, type TimeView } from '../../../core/time.js';
import type { PersonSummary, TagChips } from '../../../core/views.js';
import { esc } from './kit.js';

/** `slack:T123:U456` -> `U456`; undefined for a person of another platform. */
export function slackUserOf(personId: string): string | undefined {
  const [platform, , user] = personId.split(':');
  return platform === 'slack' && user ? user : undefined;
}

/** A person as a Slack mention (rendered with their current name), or their stored name. */
export const who = (person: PersonSummary) => {
  const user = slackUserOf(person.id);
  return user ? `<@${user}>` : `*${esc(person.name)}*`;
};

const unix = (view: TimeView) => Math.floor(new Date(view.utc).getTime() / 1000);

/**
 * A moment as Slack's `<!date^...>` token, which each reader's client shows in their own
 * zone, with the core's zone-named text as the fallback (docs/product.md#time).
 */
export const slackDate = (view: TimeView, format = '{date_short_pretty} at {time}') =>
  `<!date^${unix(view)}^${format}|${formatTime(view)}>`;

/** A session's time: the core's text names the reader's zone, so it is shown as it is. */
export const when = (start: TimeView, end: TimeView) => formatRange(start, end);

/** docs/product.md#display: at most five chips, then "+N more". */
export function chips(tags: TagChips): string {
  if (tags.shown.length === 0) return '';
  const shown = tags.shown.map((t) => `\`${esc(t)}\``).join(' ');
  return tags.more > 0 ? `${shown} +${tags.more} more` : shown;
}
