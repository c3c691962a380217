import type { HomeView as Home, HomeOffsets } from '../../../../core/home.js';
import type { PageInfo } from '../../../../core/paging.js';
import { liveAndUpcoming } from '../../../../core/sessions/my-sessions.js';
import type { SessionCard } from '../../../../core/views.js';
import { durationText, remindersText } from '../../../../core/words.js';
import { buttonsFor } from '../../buttons.js';
import { Action } from '../../ids.js';
import {
  actions,
  type Block,
  context,
  divider,
  esc,
  type HomeView,
  header,
  LIMITS,
  section,
} from '../../kit.js';
import { pagerBlocks } from '../../pager.js';
import { myProfileBlocks } from '../profiles/views.js';
import { incomingRequestBlocks, myRequestBlocks } from '../requests/views.js';
import { sessionBlocks } from '../sessions/views.js';

/** The person's home as the core answers it, and a sentence to show at the top. */
export interface HomeModel {
  readonly home: Home;
  /** E.g. why an action pressed on the Home tab did nothing. */
  readonly notice?: string;
}

/** A list's paging buttons: each carries the Home's offsets with this list's moved. */
const homePager = (home: Home, list: keyof HomeOffsets, page: PageInfo) =>
  pagerBlocks(page, { next: Action.homeNext, previous: Action.homePrevious }, (offset) =>
    JSON.stringify({ ...home.offsets, [list]: offset }),
  );

const compact = (cards: readonly SessionCard[]) =>
  cards.flatMap((card) => sessionBlocks(card, { compact: true }));

/** Live, then upcoming: one page of them, with the true counts. */
function currentSessions(home: Home): Block[] {
  const { live, upcoming, counts, pages } = home.sessions;
  const out: Block[] = [section(`*Live and upcoming* · ${liveAndUpcoming(counts)}`)];
  if (live.length + upcoming.length === 0) return [...out, context('Nothing scheduled.')];
  return [
    ...out,
    ...compact(live),
    ...compact(upcoming),
    ...homePager(home, 'sessions', pages.current),
  ];
}

function completedSessions(home: Home): Block[] {
  const { completed, counts, pages } = home.sessions;
  const out: Block[] = [section(`*Completed* · ${counts.completed}`)];
  if (completed.length === 0) return [...out, context('No completed sessions yet.')];
  return [...out, ...compact(completed), ...homePager(home, 'completed', pages.past)];
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
    ...currentSessions(home),
    ...completedSessions(home),
  );
  if (home.incoming && home.incomingPage && home.incomingPage.total > 0) {
    blocks.push(divider(), header(`Requests for you (${home.incomingPage.total})`));
    for (const item of home.incoming) blocks.push(...incomingRequestBlocks(item.request));
    blocks.push(...homePager(home, 'incoming', home.incomingPage));
  }
  blocks.push(divider(), header(`My mentorship requests (${home.myRequestsPage.total})`));
  if (home.myRequests.length === 0)
    blocks.push(
      context(
        // Asking is suggested only where it is on (docs/product.md#switched-off-features).
        home.actions.includes('requestSession')
          ? 'No requests yet. Find a mentor to ask for a session.'
          : 'No requests yet.',
      ),
    );
  for (const item of home.myRequests) blocks.push(...myRequestBlocks(item));
  blocks.push(...homePager(home, 'requests', home.myRequestsPage));
  blocks.push(divider(), header('My profile'), ...myProfileBlocks(home.profile));
  if (home.settings) {
    const s = home.settings.config;
    blocks.push(
      divider(),
      header('Workspace settings (admin)'),
      section(
        `Mentee requests: *${onOff(s.menteeRequests)}* · Mentor requests: *${onOff(s.mentorRequests)}* · Self-serve mentors: *${onOff(s.selfServeMentors)}*\nReminders: ${remindersText(s.reminderOffsetsMinutes)} · Minimum length: ${durationText(s.minSessionMinutes)} · Default seats: ${s.defaultSeatLimit} · Default time zone: ${esc(s.defaultTimeZone)}`,
      ),
      ...actions(buttonsFor(home.actions, ['editSettings', 'manageRoles'], undefined)),
    );
  }
  // Pages keep the Home within Slack's limit (a test draws the fullest Home); this is a guard.
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
