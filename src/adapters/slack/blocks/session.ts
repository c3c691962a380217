import type { SessionCard } from '../../../core/views.js';
import { Action } from '../ids.js';
import { chips, when, who } from './format.js';
import { actions, type Block, type Button, button, context, esc, section } from './kit.js';

const STATUS: Record<SessionCard['status'], string> = {
  draft: 'Draft',
  published: 'Upcoming',
  live: ':red_circle: Live',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The buttons the core allowed this reader (`card.actions`), in a fixed order. */
export function sessionButtons(card: SessionCard): Button[] {
  const a = card.actions;
  const out: Button[] = [];
  if (a.join && card.joinUrl)
    out.push(button('Join', Action.Join, card.id, { url: card.joinUrl, style: 'primary' }));
  if (a.enrol) out.push(button('Enroll', Action.Enrol, card.id, { style: 'primary' }));
  if (a.edit) out.push(button('Edit', Action.Edit, card.id));
  else if (a.editMeeting) out.push(button('Edit meeting link', Action.EditMeeting, card.id));
  if (a.viewMentees) out.push(button('View list', Action.ViewMentees, card.id));
  if (a.clone) out.push(button('Clone', Action.Clone, card.id));
  if (a.delete) out.push(button('Delete', Action.Delete, card.id, { style: 'danger' }));
  return out;
}

/** One line of facts: status, mentors, seats, mentee count. */
export function sessionFacts(card: SessionCard): string {
  const mentors = card.mentors.map(who).join(', ');
  const seats =
    card.seatsLeft > 0 ? `${card.seatsLeft} of ${card.seatLimit} seats free` : 'Session seats full';
  return `${STATUS[card.status]} · ${card.type === 'private' ? 'Private' : 'Public'} · with ${mentors} · ${card.menteeCount} mentees · ${seats}`;
}

/** A session with its time in the reader's zone, chips and the allowed buttons (3-4 blocks). */
export function sessionBlocks(card: SessionCard, opts: { compact?: boolean } = {}): Block[] {
  const title = `*${esc(card.title)}*\n:calendar: ${when(card.start, card.end)}`;
  const description =
    !opts.compact && card.description ? `\n${esc(card.description).slice(0, 600)}` : '';
  const tags = [chips(card.recommendedFor), chips(card.categories), chips(card.medium)]
    .filter(Boolean)
    .join(' · ');
  const imageAccessory =
    card.imageUrl && !opts.compact
      ? { type: 'image' as const, image_url: card.imageUrl, alt_text: card.title.slice(0, 100) }
      : undefined;
  return [
    section(`${title}${description}`, imageAccessory),
    context(sessionFacts(card) + (tags ? ` · ${tags}` : '')),
    ...actions(sessionButtons(card), `session:${card.id}`),
  ];
}

/** Fallback text of a session: the title and its time, zone named. */
export const sessionText = (card: SessionCard) => `${card.title}, ${when(card.start, card.end)}`;
