import type { ViewOutput } from '@slack/bolt';
import { DomainError } from '../../core/errors.js';
import { placeFieldErrors, TRY_AGAIN } from '../forms/index.js';
import { View } from './ids.js';
import { type ModalView, modal, section } from './kit.js';
import { afterRateLimit, isRateLimited, type WebClient } from './web.js';

/** What people read when Slack rate-limits us inside the 3-second window. */
const SLACK_BUSY =
  'Slack is asking us to slow down right now, so nothing was changed. Please try again in a few seconds.';

const loadingModal = (title: string): ModalView =>
  modal({
    callbackId: View.loading,
    title,
    blocks: [section(':hourglass_flowing_sand: One moment…')],
  });

/** A result or an error in place of a form: one sentence, and Close. */
export const noticeModal = (title: string, text: string): ModalView =>
  modal({ callbackId: View.notice, title, blocks: [section(text)] });

interface ModalLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Opens a modal with the `trigger_id` before any database work (it expires in 3 s), then
 * fills it. `build` answers the view, or a DomainError shown in place of the form, so a
 * switched-off feature or a forbidden form is never half-shown
 * (docs/product.md#switched-off-features).
 */
export async function openModal(
  logger: ModalLog,
  client: WebClient,
  args: {
    triggerId: string;
    title: string;
    push?: boolean;
    onBusy: (text: string) => Promise<void>;
  },
  build: () => Promise<ModalView | DomainError>,
): Promise<void> {
  let viewId: string | undefined;
  try {
    // From inside a modal the new one is pushed on top, so Close returns to it.
    const request = { trigger_id: args.triggerId, view: loadingModal(args.title) };
    const opened = args.push ? await client.views.push(request) : await client.views.open(request);
    viewId = opened.view?.id;
  } catch (err) {
    if (isRateLimited(err)) await args.onBusy(SLACK_BUSY);
    else logger.warn({ err }, 'slack: views.open failed');
    return;
  }
  if (!viewId) return;
  let view: ModalView;
  try {
    const built = await build();
    view = built instanceof DomainError ? noticeModal(args.title, built.message) : built;
  } catch (err) {
    logger.error({ err }, 'slack: building a modal failed');
    view = noticeModal(args.title, TRY_AGAIN);
  }
  const id = viewId;
  await afterRateLimit(() => client.views.update({ view_id: id, view })).catch((err: unknown) =>
    logger.warn({ err }, 'slack: views.update failed'),
  );
}

/**
 * The answer to a view submission for a failed command: field errors inline on their
 * blocks (`response_action: errors`); anything else replaces the form with the sentence.
 */
export function submissionError(error: DomainError, view: ViewOutput, title = 'mentorbot') {
  const blocks = (view.blocks as { type?: string; block_id?: string }[])
    .filter((b) => b.type === 'input' && b.block_id)
    .map((b) => [b.block_id as string, b.block_id as string] as const);
  const { errors } = placeFieldErrors(error.fields, blocks);
  for (const block of Object.keys(errors)) errors[block] = errors[block]?.slice(0, 1500) ?? '';
  if (Object.keys(errors).length > 0) return { response_action: 'errors' as const, errors };
  return { response_action: 'update' as const, view: noticeModal(title, error.message) };
}

/** A modal's `private_metadata`: what its submission needs to know besides the inputs. */
export const encodeMeta = (meta: object) => JSON.stringify(meta);

export function decodeMeta<T extends object>(text: string | undefined): Partial<T> {
  try {
    const parsed = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
