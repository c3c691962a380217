import { DEFAULT_ZONE_MARK } from '../../core/time.js';
import { DialogVerb } from './ids.js';
import {
  type AdaptiveCard,
  actionSet,
  type CardElement,
  container,
  openDialog,
  text,
} from './kit.js';

/**
 * docs/product.md#time: a person whose own zone is not known (the bot learnt of them from an
 * admin's install, with no `localTimezone`) sees times in the workspace's default zone. Every
 * such time says so ("14:00 (Europe/London, workspace default)"), and the card it is on ends
 * with the sentence and *Set my time zone*, a dialog of one choice.
 */
export const zoneNote = (zone: string): CardElement =>
  container(
    [
      text(`Times are in ${zone}, the workspace default, until you set your own time zone.`, {
        subtle: true,
      }),
      actionSet([openDialog('Set my time zone', DialogVerb.timeZone)]),
    ],
    true,
  );

/** "(Europe/London, workspace default)" as it stands in a card's JSON (markdown-escaped). */
const MARKED = new RegExp(`\\(([^()"]+?), ${DEFAULT_ZONE_MARK}\\)`);

/** The card, ending with the note when it shows a time in the workspace's default zone. */
export function withZoneNote(content: AdaptiveCard): AdaptiveCard {
  const found = MARKED.exec(JSON.stringify(content.body));
  if (!found?.[1]) return content;
  // Card text is escaped for markdown (Los\_Angeles): the zone's name has no backslashes.
  const zone = found[1].replaceAll('\\', '');
  return { ...content, body: [...content.body, zoneNote(zone)] };
}
