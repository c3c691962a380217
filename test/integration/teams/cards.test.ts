import { describe, expect, it } from 'vitest';
import {
  adminWelcomeCard,
  helpCard,
  noticeCard,
} from '../../../src/adapters/teams/features/home/cards.js';
import {
  menteeSearchCard,
  mentorListCard,
  mentorProfileCard,
  myProfileCard,
} from '../../../src/adapters/teams/features/profiles/cards.js';
import {
  menteeProfileForm,
  mentorProfileForm,
} from '../../../src/adapters/teams/features/profiles/forms.js';
import {
  incomingRequestsCard,
  myRequestsCard,
  requestCard,
} from '../../../src/adapters/teams/features/requests/cards.js';
import {
  requestSessionForm,
  sendOfferForm,
} from '../../../src/adapters/teams/features/requests/forms.js';
import {
  mySessionsCard,
  sessionCard,
} from '../../../src/adapters/teams/features/sessions/cards.js';
import {
  cloneForm,
  deleteConfirmation,
  meetingForm,
  menteeListDialog,
  sessionForm,
} from '../../../src/adapters/teams/features/sessions/forms.js';
import { settingsForm } from '../../../src/adapters/teams/features/settings/forms.js';
import { notificationCard } from '../../../src/adapters/teams/notifications.js';
import { ACTION_KINDS } from '../../../src/core/actions.js';
import { freeTimesPage } from '../../../src/core/booking/free-times.js';
import type { NotificationKind } from '../../../src/core/notifications.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspaces/workspace.js';
import {
  everyNotification,
  mySessionsView,
  requestViewOf,
  sessionView,
} from '../../fixtures/teams/views.js';
import { cardProblems, expectValidCard } from './cards.js';

const withErrors = {
  values: { title: 'x' },
  errors: { title: 'Give the session a title.' },
  banner: 'Please check.',
};

describe('Adaptive Cards (schema 1.5, parsed and validated by the adaptivecards SDK)', () => {
  it('renders every notification kind of the core as a clean card', () => {
    const notifications = everyNotification('teams:t:ada', 'teams:t');
    const kinds = new Set<NotificationKind>(notifications.map((n) => n.kind));
    expect(kinds.size).toBe(16);
    for (const n of notifications) {
      const card = notificationCard(n);
      expectValidCard(card);
      expect(card.fallbackText.length).toBeGreaterThan(0);
    }
  });

  it('renders every view and dialog as a clean card, errors next to their inputs', () => {
    const session = sessionView();
    const request = requestViewOf();
    const freeTimes = freeTimesPage({
      free: [
        {
          startsAt: new Date('2027-03-16T13:00:00.000Z'),
          endsAt: new Date('2027-03-16T13:30:00.000Z'),
        },
      ],
      now: new Date('2027-03-15T09:00:00Z'),
      viewerZone: 'Europe/Berlin',
      slotMinutes: 30,
    });
    const cards = [
      helpCard(ACTION_KINDS, 'Welcome'),
      adminWelcomeCard(['manageRoles', 'editSettings']),
      noticeCard('Done.', 'Title'),
      mySessionsCard(
        mySessionsView({
          upcoming: [session, sessionView({ status: 'draft' })],
          live: [],
          completed: [sessionView({ status: 'completed' })],
          actions: ['createSession'],
        }),
      ),
      mentorProfileCard({
        mentor: { id: 'm', name: 'Grace' },
        mentorTimeZone: 'America/New_York',
        headline: 'h',
        bio: 'b',
        expertise: { shown: ['a'], more: 0 },
        meetingPlatform: 'bigbluebutton',
        upcomingSessions: [session],
        freeTimes,
        isOwnProfile: false,
        actions: ['requestSession', 'bookSlot'],
      }),
      mentorListCard({
        mentors: [
          {
            mentor: { id: 'm', name: 'Grace' },
            headline: 'h',
            expertise: { shown: [], more: 0 },
            hasAvailability: true,
            actions: ['viewMentorProfile', 'requestSession'],
          },
        ],
        page: { offset: 10, size: 10, total: 21 },
        text: 'grace',
      }),
      menteeSearchCard({
        results: [
          {
            mentee: { id: 'a', name: 'Ada' },
            interests: { shown: ['x'], more: 0 },
            timeZone: 'UTC',
            openRequest: false,
            actions: ['offerMentoring'],
          },
        ],
      }),
      myProfileCard({
        person: { id: 'a', name: 'Ada' },
        timeZone: 'UTC',
        roles: ['mentee', 'mentor', 'admin'],
        mentorProfile: {
          headline: 'h',
          bio: '',
          expertise: [],
          availability: [{ weekday: 2, start: '14:00', end: '16:00' }],
          meetingPlatform: 'bigbluebutton',
        },
        menteeProfile: { interests: [], lookingForMentor: true },
        actions: ['editMenteeProfile', 'editMentorProfile', 'previewMentorProfile', 'editSettings'],
      }),
      incomingRequestsCard([{ request, actions: ['scheduleRequest', 'declineRequest'] }]),
      myRequestsCard([
        {
          request: requestViewOf({ kind: 'mentorToMentee' }),
          actions: ['dismissOffer', 'viewMentorProfile'],
        },
      ]),
    ];
    const dialogs = [
      sessionForm(
        {
          mode: 'create',
          vocabularies: DEFAULT_CONFIG.vocabularies,
          canChooseType: true,
          hidden: { requestId: 'r' },
          timeZone: 'UTC',
          meetingPlatforms: ['gmeet', 'zoom'],
          menteeChoices: [{ title: 'Ada', value: 'a' }],
        },
        withErrors,
      ),
      sessionForm(
        {
          mode: 'edit',
          vocabularies: DEFAULT_CONFIG.vocabularies,
          canChooseType: false,
          hidden: {},
          timeZone: 'UTC',
          meetingPlatforms: ['gmeet', 'zoom'],
          menteeChoices: [],
        },
        withErrors,
      ),
      meetingForm({ sessionId: 's' }, 'Title', withErrors, ['gmeet', 'zoom']),
      deleteConfirmation('s', 'Title', 'When', 'Problem'),
      cloneForm('s', 'Title', 'UTC', withErrors),
      menteeListDialog(
        {
          session,
          mentees: [{ id: 'a', name: 'Ada', status: 'enrolled' }],
          actions: ['downloadMentees'],
        },
        'https://mentorbot.test/downloads/x',
      ),
      requestSessionForm(
        [
          {
            mentor: { id: 'm', name: 'Grace' },
            headline: 'h',
            expertise: { shown: [], more: 0 },
            hasAvailability: false,
            actions: ['viewMentorProfile', 'requestSession'],
          },
        ],
        withErrors,
      ),
      sendOfferForm('a', 'Ada', withErrors),
      menteeProfileForm(withErrors),
      mentorProfileForm('UTC', withErrors, ['gmeet', 'zoom']),
      settingsForm('Workspace', withErrors, ['gmeet', 'zoom']),
    ];
    for (const card of [...cards, ...dialogs.map((d) => d.card.content)]) expectValidCard(card);
    const form = dialogs[0]?.card.content.body.map((e) => e.text ?? e.id);
    expect(form?.[form.indexOf('title') + 1]).toBe('Give the session a title.');
  });

  it('the validator itself catches a broken card', () => {
    expect(
      cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] }),
    ).not.toEqual([]);
  });
});

describe('text people wrote is shown as written, never as markdown', () => {
  const link = '[Verify](https://evil.example)';
  /** The texts Teams runs through its markdown: TextBlocks and facts. */
  const markdownTexts = (node: unknown): string[] => {
    if (Array.isArray(node)) return node.flatMap(markdownTexts);
    if (!node || typeof node !== 'object') return [];
    const o = node as Record<string, unknown>;
    const own = o.type === 'TextBlock' ? [String(o.text)] : [];
    const facts = o.type === 'FactSet' ? (o.facts as { title: string; value: string }[]) : [];
    return [
      ...own,
      ...facts.flatMap((f) => [f.title, f.value]),
      ...Object.values(o).flatMap(markdownTexts),
    ];
  };
  // A markdown link, emphasis, or a block marker that no backslash escapes.
  const live = /(^|[^\\])\[[^\]]*\]\(|(^|[^\\])\*\*|(^|[^\\])_[^_]+_|^\s*[-#>]/m;

  it('titles, descriptions, names and messages become no links, emphasis or lists', () => {
    const hostile = { id: 'teams:t:eve', name: `_Eve_ ${link}` };
    const session = sessionView({
      title: link,
      description: `**Urgent**: click ${link}\n- now`,
      mentors: [hostile],
    });
    const request = requestViewOf({ message: `# ${link}`, mentee: hostile, mentor: hostile });
    const cards = [
      sessionCard(session),
      mySessionsCard(mySessionsView({ upcoming: [session], live: [], completed: [], actions: [] })),
      requestCard(request),
      notificationCard({
        recipient: 'teams:t:ada',
        workspaceId: 'teams:t',
        kind: 'sessionInvited',
        session,
        by: hostile,
      }),
    ];
    for (const c of cards) {
      expectValidCard(c);
      const texts = markdownTexts(c);
      expect(texts.join('\n')).toContain('Verify');
      for (const t of texts) expect(t, t).not.toMatch(live);
    }
    expect(markdownTexts(sessionCard(session))).toContain('\\[Verify\\](https://evil.example)');
  });
});
