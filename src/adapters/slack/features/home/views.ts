import type { HomeView as Home } from '../../../../core/home.js';
import type { SessionCard } from '../../../../core/views.js';
import { buttonsFor } from '../../buttons.js';
import {
  actions,
  type Block,
  context,
  divider,
  type HomeView,
  header,
  LIMITS,
  section,
} from '../../kit.js';
import { myProfileBlocks } from '../profiles/views.js';
import { incomingRequestBlocks, myRequestBlocks } from '../requests/views.js';
import { sessionBlocks } from '../sessions/views.js';

/** The person's home as the core answers it, and a sentence to show at the top. */
export interface HomeModel {
  readonly home: Home;
  /** E.g. why an action pressed on the Home tab did nothing. */
  readonly notice?: string;
}

const PER_LIST = 5;

function sessionList(title: string, cards: readonly SessionCard[], empty: string): Block[] {
  const out: Block[] = [section(`*${title}*`)];
  if (cards.length === 0) return [...out, context(empty)];
  for (const card of cards.slice(0, PER_LIST)) out.push(...sessionBlocks(card, { compact: true }));
  if (cards.length > PER_LIST) out.push(context(`and ${cards.length - PER_LIST} more`));
  return out;
}

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** The App Home tab (docs/product.md#app-home), by role; at most 100 blocks. */
export function homeView({ home, notice }: HomeModel): HomeView {
  const blocks: Block[] = [header('mentorbot')];
  if (notice) blocks.push(section(`:warning: ${notice}`));
  blocks.push(
    ...actions(buttonsFor(home.actions, ['createSession', 'findMentor', 'findMentees'], undefined)),
    divider(),
    header('My mentoring sessions'),
    ...sessionList('Upcoming', home.sessions.upcoming, 'Nothing scheduled.'),
    ...sessionList('Live', home.sessions.live, 'Nothing live right now.'),
    ...sessionList('Completed', home.sessions.completed, 'No completed sessions yet.'),
  );
  if (home.incoming && home.incoming.length > 0) {
    blocks.push(divider(), header('Requests for you'));
    for (const item of home.incoming.slice(0, PER_LIST))
      blocks.push(...incomingRequestBlocks(item.request));
  }
  blocks.push(divider(), header('My mentorship requests'));
  if (home.myRequests.length === 0)
    blocks.push(context('No requests yet. Find a mentor to ask for a session.'));
  for (const item of home.myRequests.slice(0, PER_LIST)) blocks.push(...myRequestBlocks(item));
  blocks.push(divider(), header('My profile'), ...myProfileBlocks(home.profile));
  if (home.settings) {
    const s = home.settings.config;
    blocks.push(
      divider(),
      header('Workspace settings (admin)'),
      section(
        `Mentee requests: *${onOff(s.menteeRequests)}* · Mentor requests: *${onOff(s.mentorRequests)}* · Self-serve mentors: *${onOff(s.selfServeMentors)}*\nReminders: ${s.reminderOffsetsMinutes.join(', ')} min before · Minimum length: ${s.minSessionMinutes} min · Default seats: ${s.defaultSeatLimit}`,
      ),
      ...actions(buttonsFor(home.actions, ['editSettings', 'manageRoles'], undefined)),
    );
  }
  // Keep the last block within the limit; the lists above are capped, so this rarely trims.
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
