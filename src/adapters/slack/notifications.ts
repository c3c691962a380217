import type { Notification } from '../../core/notifications.js';
import { formatRange } from '../../core/time.js';
import { timeLeftText } from '../../core/words.js';
import { buttonsFor } from './buttons.js';
import { incomingRequestBlocks, offerBlocks } from './features/requests/views.js';
import {
  anotherLike,
  meetingContext,
  sessionBlocks,
  sessionText,
} from './features/sessions/views.js';
import { actions, esc, type Message, message, section, slackDate, who } from './kit.js';

/**
 * Every notification the core sends, as a DM: blocks plus the fallback text
 * (docs/product.md#slack).
 */
export function renderNotification(n: Notification): Message {
  switch (n.kind) {
    case 'sessionInvited':
      return message(`${n.by.name} invited you to ${sessionText(n.session)}`, [
        section(`${who(n.by)} invited you to a mentoring session.`),
        ...sessionBlocks(n.session),
      ]);
    case 'sessionCancelled':
      return message(`${n.session.title} was cancelled`, [
        section(
          `:no_entry: *${esc(n.session.title)}* (${formatRange(n.session.start, n.session.end)}) was cancelled by ${who(n.by)}.`,
        ),
      ]);
    case 'sessionChanged': {
      const lines = n.changes.map((c) => `• *${c.label}:* ${esc(c.before)} → ${esc(c.after)}`);
      return message(
        `${n.by.name} changed ${n.session.title}: ${n.changes.map((c) => `${c.label} ${c.before} → ${c.after}`).join('; ')}`,
        [
          section(`:pencil2: ${who(n.by)} changed *${esc(n.session.title)}*:\n${lines.join('\n')}`),
          ...sessionBlocks(n.session, { compact: true }),
        ],
      );
    }
    case 'mentorAdded':
      return message(`${n.by.name} added you as a mentor of ${sessionText(n.session)}`, [
        section(`${who(n.by)} added you as a mentor of this session.`),
        ...sessionBlocks(n.session),
      ]);
    case 'mentorRemoved':
      return message(`${n.by.name} removed you from the mentors of ${n.session.title}`, [
        section(
          `${who(n.by)} removed you from the mentors of *${esc(n.session.title)}* (${formatRange(n.session.start, n.session.end)}).`,
        ),
      ]);
    case 'sessionBooked':
      return message(`${n.mentee.name} booked ${sessionText(n.session)}`, [
        section(`${who(n.mentee)} booked a session from your availability.`),
        ...sessionBlocks(n.session),
      ]);
    case 'requestReceived':
      return message(`${n.request.mentee.name} asked you for a mentoring session`, [
        ...(n.acceptedOffer
          ? [section(`:tada: ${who(n.request.mentee)} accepted your offer to mentor them.`)]
          : []),
        ...incomingRequestBlocks(n.request),
      ]);
    case 'requestScheduled':
      return message(`${n.request.mentor.name} scheduled ${sessionText(n.session)}`, [
        section(`${who(n.request.mentor)} scheduled a session for your request.`),
        ...sessionBlocks(n.session),
      ]);
    case 'requestDeclined':
      return message(`${n.request.mentor.name} declined your request`, [
        section(
          `${who(n.request.mentor)} can't take your session request right now. You can ask another mentor with \`/request-session\`.`,
        ),
      ]);
    case 'mentorOffer':
      return message(
        `${n.request.mentor.name} wants to mentor you!`,
        offerBlocks(n.request, n.mentorHeadline),
      );
    case 'offerAccepted':
      return message(`${n.request.mentee.name} accepted your offer to mentor them`, [
        section(`:tada: ${who(n.request.mentee)} accepted your offer to mentor them.`),
      ]);
    case 'requestExpired': {
      const other = n.request.kind === 'menteeToMentor' ? n.request.mentor : n.request.mentee;
      return message(`Your request to ${other.name} expired`, [
        section(
          `Your request to ${who(other)} from ${slackDate(n.request.createdAt, '{date_short_pretty}')} expired without an answer.`,
        ),
      ]);
    }
    case 'sessionReminder': {
      const left = timeLeftText(n.minutesLeft * 60_000);
      return message(`Reminder: ${n.session.title} starts in ${left}`, [
        section(
          `:alarm_clock: *${esc(n.session.title)}* starts in ${left} (${slackDate(n.session.start, '{time}')}).`,
        ),
        ...sessionBlocks(n.session, { compact: true }),
      ]);
    }
    case 'invitationReminder': {
      const left = timeLeftText(n.minutesLeft * 60_000);
      return message(`You are invited to ${n.session.title}, which starts in ${left}`, [
        section(
          `:envelope: You are invited to *${esc(n.session.title)}*, which starts in ${left}. Enroll to take part.`,
        ),
        ...sessionBlocks(n.session, { compact: true }),
      ]);
    }
    case 'sessionLive':
      return message(`Your session is live: ${n.session.title}`, [
        section(`:red_circle: Your session is live: *${esc(n.session.title)}*`),
        ...meetingContext(n.session),
        ...actions(
          n.session.joinUrl
            ? buttonsFor(n.session.actions, ['join'], n.session.id, {
                join: { url: n.session.joinUrl },
              })
            : [],
        ),
      ]);
    case 'sessionCompleted':
      return message(`${n.session.title} has ended`, [
        section(`*${esc(n.session.title)}* has ended. Thank you for taking part!`),
        ...actions(
          buttonsFor(
            n.session.actions,
            ['cloneSession', 'requestAnother'],
            (kind) => (kind === 'cloneSession' ? n.session.id : anotherLike(n.session)),
            { cloneSession: { text: 'Book the next one', style: 'primary' } },
          ).slice(0, 1),
        ),
      ]);
  }
}
