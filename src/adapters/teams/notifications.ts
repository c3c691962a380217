import type { Notification } from '../../core/notifications.js';
import { timeLeftText } from '../../core/words.js';
import { buttonsFor } from './actions.js';
import {
  incomingActions,
  offerActions,
  requestBody,
  requestCard,
} from './features/requests/cards.js';
import { sessionActionRows, sessionBody, sessionCard } from './features/sessions/cards.js';
import { type AdaptiveCard, card, facts, heading, text } from './kit.js';

/** Every notification kind of the core as the Adaptive Card of a proactive DM. */
export function notificationCard(n: Notification): AdaptiveCard {
  switch (n.kind) {
    case 'sessionInvited':
      return sessionCard(n.session, `${n.by.name} invited you to a session.`);
    case 'sessionCancelled':
      return card(`${n.by.name} cancelled ${n.session.title}.`, [
        heading('Session cancelled'),
        text(`${n.by.name} cancelled this session.`),
        ...sessionBody(n.session),
      ]);
    case 'sessionChanged':
      return card(`${n.by.name} changed ${n.session.title}.`, [
        heading('Session changed'),
        text(`${n.by.name} changed this session:`),
        facts(n.changes.map((c) => [c.label, `${c.before} → ${c.after}`] as [string, string])),
        ...sessionBody(n.session),
        ...sessionActionRows(n.session),
      ]);
    case 'mentorAdded':
      return sessionCard(n.session, `${n.by.name} added you as a mentor of this session.`);
    case 'mentorRemoved':
      return card(`${n.by.name} removed you from the mentors of ${n.session.title}.`, [
        heading('No longer a mentor of this session'),
        text(`${n.by.name} removed you from the mentors of this session.`),
        ...sessionBody(n.session),
      ]);
    case 'sessionBooked':
      return sessionCard(n.session, `${n.mentee.name} booked a session with you.`);
    case 'requestReceived':
      return requestCard(
        n.request,
        n.acceptedOffer
          ? `${n.request.mentee.name} accepted your offer and asks for a session`
          : 'New session request',
        incomingActions(n.request),
      );
    case 'requestScheduled':
      return card(`${n.request.mentor.name} scheduled a session for your request.`, [
        heading(`${n.request.mentor.name} scheduled a session for your request`),
        ...sessionBody(n.session),
        ...sessionActionRows(n.session),
      ]);
    case 'requestDeclined':
      return requestCard(n.request, `${n.request.mentor.name} declined your request`);
    case 'mentorOffer':
      return card(
        `${n.request.mentor.name} wants to mentor you!`,
        [
          heading(`${n.request.mentor.name} wants to mentor you!`),
          n.mentorHeadline ? text(n.mentorHeadline, { subtle: true }) : undefined,
          ...requestBody(n.request),
          text('Open their profile to book a slot or request a session, or dismiss the offer.', {
            subtle: true,
          }),
        ],
        offerActions(n.request),
      );
    case 'offerAccepted':
      return requestCard(n.request, `${n.request.mentee.name} accepted your offer to mentor them`);
    case 'requestExpired':
      return requestCard(n.request, 'A mentorship request expired');
    case 'sessionReminder':
      return sessionCard(n.session, `Reminder: starts in ${timeLeftText(n.minutesLeft * 60_000)}.`);
    case 'invitationReminder':
      return sessionCard(
        n.session,
        `You are invited to this session, which starts in ${timeLeftText(n.minutesLeft * 60_000)}. Enroll to take part.`,
      );
    case 'sessionLive':
      return sessionCard(n.session, 'Your session is live.');
    case 'sessionCompleted': {
      const s = n.session;
      const mentor = s.mentors[0];
      // The session's managers clone it; its mentees ask its mentor for another.
      const [next] = buttonsFor(
        s.actions,
        ['cloneSession', 'requestAnother'],
        { sessionId: s.id, ...(mentor ? { mentorId: mentor.id } : {}) },
        { cloneSession: 'Book the next one' },
      );
      return card(
        `${s.title} has ended.`,
        [heading('Session completed'), text(`${s.title} has ended. Thank you for taking part!`)],
        [next],
      );
    }
  }
}
