import { describe, expect, it } from 'vitest';
import { helpCard, noticeCard } from '../../../src/adapters/teams/features/home/cards.js';
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
} from '../../../src/adapters/teams/features/requests/cards.js';
import {
  requestSessionForm,
  sendOfferForm,
} from '../../../src/adapters/teams/features/requests/forms.js';
import { mySessionsCard } from '../../../src/adapters/teams/features/sessions/cards.js';
import {
  cloneForm,
  deleteConfirmation,
  meetingForm,
  menteeListDialog,
  sessionForm,
} from '../../../src/adapters/teams/features/sessions/forms.js';
import { settingsForm } from '../../../src/adapters/teams/features/settings/forms.js';
import { notificationCard } from '../../../src/adapters/teams/notifications.js';
import type { NotificationKind } from '../../../src/core/notifications.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspaces/workspace.js';
import { everyNotification, requestViewOf, sessionView } from '../../fixtures/teams/views.js';
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
    expect(kinds.size).toBe(12);
    for (const n of notifications) {
      const card = notificationCard(n);
      expectValidCard(card);
      expect(card.fallbackText.length).toBeGreaterThan(0);
    }
  });

  it('renders every view and dialog as a clean card, errors next to their inputs', () => {
    const session = sessionView();
    const request = requestViewOf();
    const slot = { startsAt: '2027-03-16T13:00:00.000Z', start: session.start, end: session.end };
    const cards = [
      helpCard('Welcome'),
      noticeCard('Done.', 'Title'),
      mySessionsCard({
        upcoming: [session, sessionView({ status: 'draft' })],
        live: [],
        completed: [sessionView({ status: 'completed' })],
        actions: ['createSession'],
      }),
      mentorProfileCard({
        mentor: { id: 'm', name: 'Grace' },
        mentorTimeZone: 'America/New_York',
        headline: 'h',
        bio: 'b',
        expertise: { shown: ['a'], more: 0 },
        meetingPlatform: 'bigbluebutton',
        upcomingSessions: [session],
        slots: [slot],
        isOwnProfile: false,
        actions: ['requestSession', 'bookSlot'],
      }),
      mentorListCard([
        {
          mentor: { id: 'm', name: 'Grace' },
          headline: 'h',
          expertise: { shown: [], more: 0 },
          hasAvailability: true,
          actions: ['viewMentorProfile', 'requestSession'],
        },
      ]),
      menteeSearchCard([
        {
          mentee: { id: 'a', name: 'Ada' },
          interests: { shown: ['x'], more: 0 },
          timeZone: 'UTC',
          actions: ['offerMentoring'],
        },
      ]),
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
          menteeChoices: [],
        },
        withErrors,
      ),
      meetingForm({ sessionId: 's' }, 'Title', withErrors),
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
      mentorProfileForm('UTC', withErrors),
      settingsForm('Workspace', withErrors),
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
