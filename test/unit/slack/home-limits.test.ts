import { describe, expect, it } from 'vitest';
import { homeView } from '../../../src/adapters/slack/features/home/views.js';
import { mySessionsMessage } from '../../../src/adapters/slack/features/sessions/views.js';
import { LIMITS } from '../../../src/adapters/slack/kit.js';
import type { HomeView } from '../../../src/core/home.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspaces/workspace.js';
import { mySessionsView, requestViewOf, sessionView } from '../../fixtures/teams/views.js';

/**
 * Issue 10 point 3: the fullest App Home (an admin mentor with full pages of live, upcoming
 * and completed Zoom sessions, of requests for them and of their own requests) and the fullest
 * `/my-sessions` answer stay within Slack's limits: 100 blocks a view, 50 a message. Every
 * list is paged, so no amount of data makes them longer.
 */
const every = [
  'join',
  'enrol',
  'editSession',
  'viewMentees',
  'cloneSession',
  'deleteSession',
] as const;
const zoom = (n: number, status: 'live' | 'published' | 'completed' = 'published') =>
  sessionView({
    id: `s${n}`,
    title: `Session ${n}`,
    status,
    description: 'd'.repeat(2000),
    meetingId: '98765432101',
    meetingPasscode: '4kQ9x',
    joinUrl: 'https://acme.zoom.us/j/98765432101',
    actions: [...every],
  });
const page = (total: number) => ({ offset: 5, size: 5, total });

describe('Slack limits with any amount of data', () => {
  it('the fullest Home has at most 100 blocks, and no list is cut short', () => {
    const sessions = {
      ...mySessionsView({
        live: [zoom(1, 'live'), zoom(2, 'live')],
        upcoming: [zoom(3), zoom(4), zoom(5)],
        completed: [1, 2, 3, 4, 5].map((n) => zoom(10 + n, 'completed')),
        actions: ['createSession'],
      }),
      pages: { current: page(80), past: page(40) },
      counts: { live: 2, upcoming: 78, completed: 40 },
    };
    const request = (n: number) => ({
      request: requestViewOf({ id: `r${n}`, message: 'm'.repeat(1000) }),
      actions: ['scheduleRequest', 'declineRequest', 'viewMentorProfile', 'dismissOffer'] as const,
    });
    const home: HomeView = {
      sessions,
      profile: {
        person: { id: 'p', name: 'Ada' },
        timeZone: 'Europe/London',
        roles: ['mentee', 'mentor', 'admin', 'sessionManager'],
        mentorProfile: {
          headline: 'h'.repeat(120),
          bio: 'b'.repeat(2000),
          expertise: ['a'],
          availability: [{ weekday: 1, start: '09:00', end: '17:00' }],
          meetingPlatform: 'zoom',
        },
        menteeProfile: { interests: ['x'], lookingForMentor: true },
        actions: ['editMenteeProfile', 'editMentorProfile'],
      },
      myRequests: [1, 2, 3, 4, 5].map(request),
      myRequestsPage: page(30),
      incoming: [1, 2, 3, 4, 5].map(request),
      incomingPage: page(30),
      offsets: { sessions: 5, completed: 5, requests: 5, incoming: 5 },
      settings: {
        workspaceName: 'w',
        config: DEFAULT_CONFIG,
        vocabularyNames: { recommendedFor: 'r', categories: 'c', medium: 'm' },
        choices: { meetingPlatforms: ['zoom'], roles: ['mentor'] },
      },
      actions: ['createSession', 'findMentor', 'findMentees', 'editSettings', 'manageRoles'],
    } as unknown as HomeView;
    const view = homeView({ home, notice: 'A notice.' });
    // The guard in homeView would trim at 100: the Home must fit before it.
    const blocks = JSON.stringify(view.blocks);
    expect(view.blocks.length).toBeLessThan(LIMITS.viewBlocks);
    expect(blocks).toContain('Session 15');
    expect(blocks).toContain('Manage roles');
    expect(blocks.match(/"action_id":"home.next"/g)).toHaveLength(4);
  });

  it('the fullest /my-sessions answer has at most 50 blocks', () => {
    const answer = mySessionsMessage({
      ...mySessionsView({
        live: [zoom(1, 'live')],
        upcoming: [zoom(2), zoom(3), zoom(4), zoom(5)],
        completed: [1, 2, 3, 4, 5].map((n) => zoom(10 + n, 'completed')),
        actions: ['createSession'],
      }),
      pages: { current: page(80), past: page(40) },
      counts: { live: 1, upcoming: 79, completed: 40 },
    });
    if (typeof answer === 'string') throw new Error('expected a message');
    expect(answer.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(answer.blocks)).toContain('Session 15');
  });
});
