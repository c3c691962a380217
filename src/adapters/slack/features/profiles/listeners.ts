import { DomainError, ErrorCode } from '../../../../core/errors.js';
import type { Person } from '../../../../core/people/person.js';
import type { Register, SlackContext } from '../../context.js';
import { Action, BOOK_SLOT_ACTIONS, Command, View } from '../../ids.js';
import { esc, type Message, modal, section } from '../../kit.js';
import { onCommand, onPress, onPressOpen, opensForms } from '../../listen.js';
import { decodeMeta, noticeModal } from '../../modal.js';
import { updateOrigin } from '../../origin.js';
import { pagesOf } from '../../pager.js';
import { bookedMessage } from '../sessions/views.js';
import { menteeProfileForm, mentorProfileForm, mentorProfileView } from './forms.js';
import { registerProfileSubmissions } from './submissions.js';
import { menteeResults, mentorList } from './views.js';

type Search = (ctx: SlackContext, person: Person, text: string) => Promise<Message | DomainError>;

const searchText = (text: string) => (text ? { text } : {});

/** "Find a mentor": each with *View profile*, and *Request a Session* where requests are on. */
const mentorSearch: Search = async (ctx, person, text) => {
  const found = await ctx.mentorship.findMentors({
    actor: { personId: person.id },
    input: searchText(text),
  });
  return found.ok ? mentorList(found.value) : found.error;
};

const menteeSearch: Search = async (ctx, person, text) => {
  const found = await ctx.mentorship.searchMentees({
    actor: { personId: person.id },
    input: searchText(text),
  });
  return found.ok ? menteeResults(found.value) : found.error;
};

/**
 * Profiles (docs/product.md#profiles, #booking): the two searches (`/find-mentor`, `/find-mentees` and their Home
 * buttons), a mentor's profile with *Book* on a free slot, and editing one's own profiles.
 */
export const registerProfiles: Register = (app, ctx) => {
  const searches = [
    [Command.findMentor, Action.findMentor, 'Find a mentor', mentorSearch],
    [Command.findMentees, Action.findMentees, 'Find mentees', menteeSearch],
  ] as const;
  for (const [command, action, title, search] of searches) {
    app.command(
      command,
      onCommand(ctx, async (run) => {
        const found = await search(ctx, run.person, run.text);
        await run.reply('blocks' in found ? found : found.message);
      }),
    );
    app.action(
      action,
      onPressOpen(ctx, title, async (person) => {
        const found = await search(ctx, person, '');
        return 'blocks' in found
          ? modal({ callbackId: View.notice, title, blocks: found.blocks })
          : found;
      }),
    );
  }

  // *Book* on a free time: the n-th button of a row is `mentor.book.n` (ids.ts).
  const book = onPress(ctx, async (p) => {
    const {
      m,
      s,
      p: page,
      u,
    } = decodeMeta<{ m: string; s: string; p: number; u: string }>(p.value);
    const result = await ctx.mentorship.bookSlot({
      actor: { personId: p.person.id },
      input: { mentorId: m ?? '', startsAt: s ?? '' },
      idempotencyKey: p.key,
    });
    if (!result.ok) {
      if (result.error.code !== ErrorCode.SlotTaken || p.origin.t !== 'v') {
        return p.say(result.error.message);
      }
      // The profile shows the times still free on that page, under the one sentence saying why.
      const profile = await mentorProfileView(ctx, p.person, m ?? '', { page, unit: u });
      const view =
        profile instanceof DomainError
          ? noticeModal('Mentor profile', result.error.message)
          : {
              ...profile,
              blocks: [section(`:warning: ${esc(result.error.message)}`), ...profile.blocks],
            };
      await p.client.views
        .update({ view_id: p.origin.id, view })
        .catch((err: unknown) => ctx.logger.warn({ err }, 'slack: could not update the profile'));
      return;
    }
    const done = bookedMessage(result.value.session);
    if (p.origin.t !== 'v') return updateOrigin(ctx, p.client, p.origin, p.person, done);
    // Booked from the profile modal: the modal itself shows the booking.
    await p.client.views
      .update({
        view_id: p.origin.id,
        view: { ...noticeModal('Booked', done.text), blocks: done.blocks },
      })
      .catch((err: unknown) => ctx.logger.warn({ err }, 'slack: could not update the profile'));
  });
  for (const id of BOOK_SLOT_ACTIONS) app.action(id, book);

  // *Next week* / *Previous week* under the free times: the profile modal turns in place.
  for (const id of [Action.freeTimesNext, Action.freeTimesPrevious]) {
    app.action(
      id,
      onPress(ctx, async (p) => {
        const { m, p: page, u } = decodeMeta<{ m: string; p: number; u: string }>(p.value);
        const profile = await mentorProfileView(ctx, p.person, m ?? '', { page, unit: u });
        if (profile instanceof DomainError) return p.say(profile.message);
        if (p.origin.t !== 'v') return p.say('Open the mentor profile again to see more times.');
        await p.client.views
          .update({ view_id: p.origin.id, view: profile })
          .catch((err: unknown) => ctx.logger.warn({ err }, 'slack: could not turn the page'));
      }),
    );
  }

  // *Previous* / *Next* under "find a mentor": the same search on the page asked for, in place
  // of the answer (an ephemeral message, or the modal the Home's button opened).
  for (const id of [Action.findMentorNext, Action.findMentorPrevious]) {
    app.action(
      id,
      onPress(ctx, async (p) => {
        const found = await ctx.mentorship.findMentors({
          actor: { personId: p.person.id },
          input: pagesOf(p.value) ?? {},
        });
        if (!found.ok) return p.say(found.error.message);
        const list = mentorList(found.value);
        if (p.origin.t !== 'v') return updateOrigin(ctx, p.client, p.origin, p.person, list);
        await p.client.views
          .update({
            view_id: p.origin.id,
            view: modal({ callbackId: View.notice, title: 'Find a mentor', blocks: list.blocks }),
          })
          .catch((err: unknown) => ctx.logger.warn({ err }, 'slack: could not turn the page'));
      }),
    );
  }

  opensForms(app, ctx, [
    [
      Action.viewMentorProfile,
      'Mentor profile',
      (c, person, id) => mentorProfileView(c, person, id),
    ],
    [Action.editMenteeProfile, 'Mentee profile', menteeProfileForm],
    [Action.editMentorProfile, 'Mentor profile', mentorProfileForm],
  ]);

  registerProfileSubmissions(app, ctx);
};
