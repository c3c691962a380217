import type { MyProfileView } from '../../../../core/people/profile.views.js';
import type { IncomingRequestItem, MyRequestItem } from '../../../../core/requests/request.view.js';
import type { MySessions } from '../../../../core/sessions/index.js';
import type { SessionCard } from '../../../../core/views.js';
import type { WorkspaceConfig } from '../../../../core/workspaces/workspace.js';
import { Action } from '../../ids.js';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  type HomeView,
  header,
  LIMITS,
  section,
} from '../../kit.js';
import { myProfileBlocks } from '../profiles/views.js';
import { incomingItemBlocks, myRequestBlocks } from '../requests/views.js';
import { sessionBlocks } from '../sessions/views.js';

export interface HomeModel {
  readonly sessions: MySessions;
  readonly profile: MyProfileView;
  /** *My mentorship requests*: present for mentees (docs/product.md#my-mentorship-requests). */
  readonly myRequests?: readonly MyRequestItem[];
  /** Mentees' requests waiting for this mentor. */
  readonly incoming?: readonly IncomingRequestItem[];
  /** Present only for admins. */
  readonly settings?: WorkspaceConfig;
  /** A sentence to show at the top, e.g. after an action from the Home tab failed. */
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
export function homeView(m: HomeModel): HomeView {
  const isMentor = m.profile.roles.includes('mentor') || m.profile.roles.includes('sessionManager');
  const blocks: Block[] = [header('mentorbot')];
  if (m.notice) blocks.push(section(`:warning: ${m.notice}`));
  blocks.push(
    ...actions([
      ...(isMentor
        ? [button('Create session', Action.openCreateSession, undefined, { style: 'primary' })]
        : []),
      button('Find a mentor', Action.findMentor),
      ...(isMentor ? [button('Find mentees', Action.findMentees)] : []),
    ]),
    divider(),
    header('My mentoring sessions'),
    ...sessionList('Upcoming', m.sessions.upcoming, 'Nothing scheduled.'),
    ...sessionList('Live', m.sessions.live, 'Nothing live right now.'),
    ...sessionList('Completed', m.sessions.completed, 'No completed sessions yet.'),
  );
  if (m.incoming && m.incoming.length > 0) {
    blocks.push(divider(), header('Requests for you'));
    for (const item of m.incoming.slice(0, PER_LIST)) blocks.push(...incomingItemBlocks(item));
  }
  if (m.myRequests) {
    blocks.push(divider(), header('My mentorship requests'));
    if (m.myRequests.length === 0)
      blocks.push(context('No requests yet. Find a mentor to ask for a session.'));
    for (const item of m.myRequests.slice(0, PER_LIST)) blocks.push(...myRequestBlocks(item));
  }
  blocks.push(divider(), header('My profile'), ...myProfileBlocks(m.profile));
  if (m.settings) {
    const s = m.settings;
    blocks.push(
      divider(),
      header('Workspace settings (admin)'),
      section(
        `Mentee requests: *${onOff(s.menteeRequests)}* · Mentor requests: *${onOff(s.mentorRequests)}* · Self-serve mentors: *${onOff(s.selfServeMentors)}*\nReminders: ${s.reminderOffsetsMinutes.join(', ')} min before · Minimum length: ${s.minSessionMinutes} min · Default seats: ${s.defaultSeatLimit}`,
      ),
      ...actions([
        button('Edit settings', Action.openSettings),
        button('Manage roles', Action.openRoles),
      ]),
    );
  }
  // Keep the last block within the limit; the lists above are capped, so this rarely trims.
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
