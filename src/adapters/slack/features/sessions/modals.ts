import { MEETING_PLATFORMS, type MeetingPlatform } from '../../../../core/people/person.js';
import type { MenteeList, SessionForm } from '../../../../core/sessions/index.js';
import type { MeetingInfo } from '../../../../core/sessions/session.js';
import type { SessionCard } from '../../../../core/views.js';
import type { VocabularyName, WorkspaceConfig } from '../../../../core/workspaces/workspace.js';
import { Action, Field, View } from '../../ids.js';
import {
  actions,
  type Block,
  button,
  context,
  datePicker,
  esc,
  input,
  type ModalView,
  modal,
  multiSelect,
  option,
  radios,
  section,
  slackUserOf,
  staticSelect,
  textInput,
  timePicker,
  usersSelect,
  when,
  who,
} from '../../kit.js';

const VOCAB: Record<VocabularyName, { label: string; select: string; other: string }> = {
  recommendedFor: {
    label: 'Recommended for',
    select: Field.recommendedFor,
    other: Field.recommendedForOther,
  },
  categories: { label: 'Categories', select: Field.categories, other: Field.categoriesOther },
  medium: { label: 'Medium', select: Field.medium, other: Field.mediumOther },
};

export interface SessionFormModel {
  readonly mode: 'create' | 'edit';
  readonly form?: SessionForm;
  readonly timeZone: string;
  readonly vocabularies: WorkspaceConfig['vocabularies'];
  readonly defaultSeatLimit: number;
  readonly canChooseType: boolean;
  readonly canChooseMentors: boolean;
  /** Slack users to show as invited (the requesting mentee when scheduling a request). */
  readonly invitedUsers: readonly string[];
  readonly meta: string;
}

function tagInputs(name: VocabularyName, m: SessionFormModel): Block[] {
  const v = VOCAB[name];
  const pick = m.form?.[name];
  const options = m.vocabularies[name].map((t) => option(t, t));
  const out: Block[] = [];
  if (options.length > 0) {
    out.push(
      input(v.select, v.label, multiSelect(options, pick?.selected ?? []), { optional: true }),
    );
  }
  out.push(
    input(
      v.other,
      `${v.label}: other`,
      textInput({ initial: pick?.other.join(', ') ?? '', max: 900 }),
      {
        optional: true,
        hint: 'Comma-separated, each up to 40 characters.',
      },
    ),
  );
  return out;
}

interface WallClock {
  readonly date: string;
  readonly time: string;
}

/** Start and end as date and time pickers, in the person's zone (named in the labels). */
function timeInputs(start: WallClock | undefined, end: WallClock | undefined, timeZone: string) {
  const zone = esc(timeZone);
  return [
    input(Field.startDate, 'Start date', datePicker(start?.date)),
    input(Field.startTime, `Start time (${zone})`, timePicker(start?.time)),
    input(Field.endDate, 'End date', datePicker(end?.date)),
    input(Field.endTime, `End time (${zone})`, timePicker(end?.time)),
  ];
}

/** The create/edit form, step 1 (details); the meeting link is step 2, pushed on submit. */
export function sessionDetailsModal(m: SessionFormModel): ModalView {
  const f = m.form;
  const blocks: Block[] = [
    input(Field.title, 'Title', textInput({ initial: f?.title ?? '', max: 120 })),
    input(
      Field.description,
      'Description',
      textInput({ initial: f?.description ?? '', multiline: true, max: 2000 }),
      { optional: true },
    ),
    input(
      Field.imageUrl,
      'Image URL',
      textInput({ initial: f?.imageUrl ?? '', placeholder: 'https://…' }),
      { optional: true },
    ),
  ];
  if (m.canChooseType) {
    blocks.push(
      input(
        Field.type,
        'Type',
        radios(
          [
            option('Public: any mentee may enrol', 'public'),
            option('Private: invitees only', 'private'),
          ],
          f?.type ?? 'public',
        ),
        {
          hint: 'Cannot change after the session is published.',
        },
      ),
    );
  }
  blocks.push(
    ...timeInputs(f?.start, f?.end, m.timeZone),
    input(
      Field.seatLimit,
      'Seat limit',
      textInput({ initial: String(f?.seatLimit ?? m.defaultSeatLimit), max: 3 }),
    ),
    ...tagInputs('recommendedFor', m),
    ...tagInputs('categories', m),
    ...tagInputs('medium', m),
    input(Field.mentees, 'Invite mentees', usersSelect(m.invitedUsers), { optional: true }),
  );
  if (m.canChooseMentors) {
    const mentors = (f?.mentorIds ?? []).map(slackUserOf).filter((u): u is string => !!u);
    blocks.push(
      input(Field.mentors, 'Mentors', usersSelect(mentors, 10), {
        optional: true,
        hint: 'You are always a mentor of sessions you create.',
      }),
    );
  }
  return modal({
    callbackId: View.sessionDetails,
    title: m.mode === 'create' ? 'Create session' : 'Edit session',
    submit: m.mode === 'create' ? 'Next' : 'Save',
    privateMetadata: m.meta,
    blocks,
  });
}

const PLATFORM_LABEL: Record<MeetingPlatform, string> = {
  bigbluebutton: 'BigBlueButton (no link needed)',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};
export const platformOptions = () => MEETING_PLATFORMS.map((p) => option(PLATFORM_LABEL[p], p));

/** Step 2: the meeting link (also alone, for *Edit meeting link* while live). */
export function meetingModal(args: {
  meeting?: MeetingInfo;
  publish: boolean;
  meta: string;
}): ModalView {
  const m = args.meeting;
  return modal({
    callbackId: View.sessionMeeting,
    title: 'Meeting link',
    submit: args.publish ? 'Publish' : 'Save',
    privateMetadata: args.meta,
    blocks: [
      input(
        Field.meetingPlatform,
        'Meeting platform',
        staticSelect(platformOptions(), m?.platform ?? 'bigbluebutton'),
      ),
      input(
        Field.meetingUrl,
        'Link',
        textInput({ initial: m?.url ?? '', placeholder: 'https://meet.google.com/abc-defg-hij' }),
        { optional: true, hint: 'Google Meet, WhatsApp and Zoom need one.' },
      ),
      input(Field.meetingId, 'Zoom meeting ID', textInput({ initial: m?.meetingId ?? '' }), {
        optional: true,
      }),
      input(
        Field.meetingPasscode,
        'Zoom passcode',
        textInput({ initial: m?.passcode ?? '', max: 10 }),
        { optional: true },
      ),
    ],
  });
}

export function deleteModal(card: SessionCard, meta: string): ModalView {
  return modal({
    callbackId: View.deleteSession,
    title: 'Delete session',
    submit: 'Delete',
    close: 'Keep it',
    privateMetadata: meta,
    blocks: [
      section(`Delete *${esc(card.title)}* (${when(card.start, card.end)})?`),
      context(
        `${card.menteeCount} invited or enrolled mentees will be told it was cancelled. This cannot be undone.`,
      ),
    ],
  });
}

export function cloneModal(args: {
  card: SessionCard;
  start: { date: string; time: string };
  end: { date: string; time: string };
  timeZone: string;
  meta: string;
}): ModalView {
  return modal({
    callbackId: View.cloneSession,
    title: 'Book the next one',
    submit: 'Clone',
    privateMetadata: args.meta,
    blocks: [
      section(
        `A new *${esc(args.card.title)}* with the same details; everyone who took part is invited.`,
      ),
      ...timeInputs(args.start, args.end, args.timeZone),
    ],
  });
}

const LIST_ROWS = 80;

export function menteeListModal(list: MenteeList, sessionId: string): ModalView {
  const rows = list.mentees
    .slice(0, LIST_ROWS)
    .map((m) => `${who({ id: m.id, name: m.name })} · ${m.status}`);
  const blocks: Block[] = [
    section(
      `*${esc(list.session.title)}*\n${list.session.menteeCount} of ${list.session.seatLimit} seats taken`,
    ),
    ...actions([button('Download CSV', Action.downloadCsv, sessionId)]),
  ];
  // Several names per block keep long lists within the 100-block limit.
  for (let i = 0; i < rows.length; i += 20) blocks.push(section(rows.slice(i, i + 20).join('\n')));
  if (rows.length === 0) blocks.push(context('Nobody is invited or enrolled yet.'));
  if (list.mentees.length > LIST_ROWS)
    blocks.push(context(`${list.mentees.length - LIST_ROWS} more in the CSV.`));
  return modal({
    callbackId: View.menteeList,
    title: 'Mentee list',
    blocks,
    privateMetadata: sessionId,
  });
}
