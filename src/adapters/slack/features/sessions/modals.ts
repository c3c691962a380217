import type { MeetingPlatform } from '../../../../core/people/person.js';
import type { SessionField, SessionFormView } from '../../../../core/sessions/form.js';
import { IMAGE_EXTENSIONS } from '../../../../core/sessions/image.js';
import type { MenteeList } from '../../../../core/sessions/index.js';
import type { MeetingInfo, SessionType } from '../../../../core/sessions/session.js';
import type { SessionCard } from '../../../../core/views.js';
import { plural } from '../../../../core/words.js';
import type { VocabularyName } from '../../../../core/workspaces/workspace.js';
import { buttonsFor } from '../../buttons.js';
import { Field, View } from '../../ids.js';
import {
  actions,
  type Block,
  context,
  datePicker,
  esc,
  fileInput,
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

/** Whether the person may change `field` in this form (the core decides: `editable`). */
const may = (form: SessionFormView, field: SessionField) => form.editable.includes(field);

function tagInputs(name: VocabularyName, form: SessionFormView): Block[] {
  const v = VOCAB[name];
  const pick = form.values[name];
  const options = form.vocabularies[name].map((t) => option(t, t));
  const out: Block[] = [];
  if (options.length > 0) {
    out.push(input(v.select, v.label, multiSelect(options, pick.selected), { optional: true }));
  }
  out.push(
    input(v.other, `${v.label}: other`, textInput({ initial: pick.other.join(', '), max: 900 }), {
      optional: true,
      hint: 'Comma-separated, each up to 40 characters.',
    }),
  );
  return out;
}

const slackUsers = (personIds: readonly string[]) =>
  personIds.map(slackUserOf).filter((u): u is string => !!u);

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

const TYPE_LABEL: Record<SessionType, string> = {
  public: 'Public: any mentee may enrol',
  private: 'Private: invitees only',
};

/** The create/edit form, step 1 (details); the meeting link is step 2, pushed on submit. */
export function sessionDetailsModal(form: SessionFormView, meta: string): ModalView {
  const f = form.values;
  const blocks: Block[] = [
    input(Field.title, 'Title', textInput({ initial: f.title, max: 120 })),
    input(
      Field.description,
      'Description',
      textInput({ initial: f.description, multiline: true, max: 2000 }),
      { optional: true },
    ),
    input(
      Field.imageUrl,
      'Image URL',
      textInput({ initial: f.imageUrl, placeholder: 'https://…' }),
      {
        optional: true,
      },
    ),
  ];
  // The image as a file (docs/product.md#session-image): Slack keeps it and shows it, so
  // nobody needs a public link. The core checks type and size on submit.
  if (may(form, 'imageFile')) {
    blocks.push(
      input(Field.imageFile, 'Image file', fileInput(IMAGE_EXTENSIONS), {
        optional: true,
        hint: f.imageName
          ? `Now: ${f.imageName}. A new file replaces it (PNG, JPEG or GIF, at most 5 MB); Remove image on the session removes it.`
          : 'PNG, JPEG or GIF, at most 5 MB. Instead of an image URL.',
      }),
    );
  }
  if (may(form, 'type')) {
    const types = form.choices.types.map((t) => option(TYPE_LABEL[t], t));
    blocks.push(
      input(Field.type, 'Type', radios(types, f.type), {
        hint: 'Cannot change after the session is published.',
      }),
    );
  }
  // A session answering a mentee's request invites that mentee.
  const invited = [...f.menteeIds, ...(form.request ? [form.request.mentee.id] : [])];
  blocks.push(
    ...timeInputs(f.start, f.end, form.timeZone),
    input(Field.seatLimit, 'Seat limit', textInput({ initial: String(f.seatLimit), max: 3 })),
    ...tagInputs('recommendedFor', form),
    ...tagInputs('categories', form),
    ...tagInputs('medium', form),
    input(Field.mentees, 'Invite mentees', usersSelect(slackUsers([...new Set(invited)])), {
      optional: true,
    }),
  );
  if (may(form, 'mentorIds')) {
    blocks.push(
      input(Field.mentors, 'Mentors', usersSelect(slackUsers(f.mentorIds), 10), {
        optional: true,
        hint: 'You are always a mentor of sessions you create.',
      }),
    );
  }
  const creating = form.mode === 'create';
  return modal({
    callbackId: View.sessionDetails,
    title: creating ? 'Create session' : 'Edit session',
    submit: creating ? 'Next' : 'Save',
    privateMetadata: meta,
    blocks,
  });
}

const PLATFORM_LABEL: Record<MeetingPlatform, string> = {
  bigbluebutton: 'BigBlueButton (no link needed)',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};
/** The meeting platforms a form offers (the core's `choices`), labelled for Slack. */
export const platformOptions = (platforms: readonly MeetingPlatform[]) =>
  platforms.map((p) => option(PLATFORM_LABEL[p], p));

/** Step 2: the meeting link (also alone, for *Edit meeting link* while live). */
export function meetingModal(args: {
  meeting: MeetingInfo;
  platforms: readonly MeetingPlatform[];
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
        staticSelect(platformOptions(args.platforms), m.platform),
      ),
      input(
        Field.meetingUrl,
        'Link',
        textInput({ initial: m.url ?? '', placeholder: 'https://meet.google.com/abc-defg-hij' }),
        { optional: true, hint: 'Google Meet, WhatsApp and Zoom need one.' },
      ),
      input(Field.meetingId, 'Zoom meeting ID', textInput({ initial: m.meetingId ?? '' }), {
        optional: true,
      }),
      input(
        Field.meetingPasscode,
        'Zoom passcode',
        textInput({ initial: m.passcode ?? '', max: 10 }),
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

/** *Book the next one*: only the new times, which the core suggests a week on. */
export function cloneModal(form: SessionFormView, meta: string): ModalView {
  const title = form.session?.title ?? form.values.title;
  return modal({
    callbackId: View.cloneSession,
    title: 'Book the next one',
    submit: 'Clone',
    privateMetadata: meta,
    blocks: [
      section(`A new *${esc(title)}* with the same details; everyone who took part is invited.`),
      ...timeInputs(form.values.start, form.values.end, form.timeZone),
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
      `*${esc(list.session.title)}*\n${list.session.menteeCount} of ${plural(list.session.seatLimit, 'seat')} taken`,
    ),
    ...actions(buttonsFor(list.actions, ['downloadMentees'], sessionId)),
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
