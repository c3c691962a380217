import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/core/time.js';
import {
  type AnyView,
  dateValue,
  selectValue,
  TEAM,
  textValue,
  timeValue,
  usersValue,
} from '../fixtures/slack/payloads.js';
import { findAction } from '../integration/slack/harness.js';
import {
  eventually,
  pressOnEphemeral,
  type Received,
  type SlackPerson,
  SlackWorkspace,
} from './support/slack.js';

/**
 * Issue 10 point 24 on Slack. Ada (mentor, Los Angeles) creates a session and picks its
 * image as a file in the form, no link needed. A PDF and a 7 MB picture are refused on the
 * image field, each with one sentence (type and size as Slack's files.info tells them).
 * The cover she then picks shows on the session through Block Kit's `slack_file`, for her
 * and for Grace (mentee, Kolkata) whom she invited. She replaces it with another file from
 * *Edit*, then presses *Remove image*; Grace's card never offers her that button.
 */
const USERS = {
  UADA: { name: 'Ada', tz: 'America/Los_Angeles' },
  UGRACE: { name: 'Grace', tz: 'Asia/Kolkata' },
};
const MEET = 'https://meet.google.com/abc-defg-hij';
const MB = 1024 * 1024;

let world: SlackWorkspace;
let ada: SlackPerson;
let grace: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start(USERS);
  await world.service.seed('UADA', { name: 'Ada', roles: ['mentor'], tz: USERS.UADA.tz });
  await world.service.seed('UGRACE', { name: 'Grace', tz: USERS.UGRACE.tz });
  ada = world.person('UADA');
  grace = world.person('UGRACE');
  // What Ada uploads in the form's file picker, as Slack's files.info describes each file.
  world.files.set('FPDF', { name: 'agenda.pdf', mimetype: 'application/pdf', size: 80_000 });
  world.files.set('FBIG', { name: 'poster.png', mimetype: 'image/png', size: 7 * MB });
  world.files.set('FCOVER', { name: 'cover.png', mimetype: 'image/png', size: 200_000 });
  world.files.set('FNEW', { name: 'whiteboard.jpg', mimetype: 'image/jpeg', size: 900_000 });
});
afterAll(() => world?.stop());

const picked = (id: string) => ({ value: { type: 'file_input', files: [{ id, name: id }] } });

/** The image accessory of a session's blocks, if it has one. */
const imageIn = (blocks: AnyView[]): AnyView | undefined =>
  blocks.find((b) => b.type === 'section' && b.accessory?.type === 'image')?.accessory;

/** The latest ephemeral answer Ada got. */
const latestAnswer = (before: number) =>
  eventually(() => {
    const answers = world.receivedBy('UADA').filter((r) => r.via === 'response_url');
    expect(answers.length).toBeGreaterThan(before);
    return answers.at(-1) as Received;
  });
const answers = () => world.receivedBy('UADA').filter((r) => r.via === 'response_url').length;
const filesInfoAbout = (id: string) =>
  world.calls.filter((c) => c.path === 'files.info' && c.args.file === id);

describe('Slack: a session image picked as a file', () => {
  it('is checked for type and size, shown by slack_file, replaced, and removed', async () => {
    await ada.types('/create-session');
    const details = await ada.modal();
    const field = details.blocks.find((b: AnyView) => b.block_id === 'imageFile');
    expect(field.element).toMatchObject({
      type: 'file_input',
      filetypes: ['png', 'jpg', 'jpeg', 'gif'],
      max_files: 1,
    });
    expect(field.optional).toBe(true);
    expect(field.hint.text).toContain('at most 5 MB');

    const day = addLocalDays(localDateOf(world.clock.now(), USERS.UADA.tz), 3);
    const values = {
      title: textValue('Parsing clinic'),
      description: textValue('Bring a grammar.'),
      imageUrl: textValue(''),
      start: dateValue(day),
      'start.time': timeValue('08:00'),
      end: dateValue(day),
      'end.time': timeValue('09:00'),
      seatLimit: textValue('4'),
      menteeIds: usersValue(['UGRACE']),
    };

    // A PDF: one sentence on the image field, nothing created.
    const pdf = await ada.submits(details, { ...values, imageFile: picked('FPDF') });
    expect(pdf.response_action).toBe('errors');
    expect(pdf.errors).toEqual({
      imageFile:
        '"agenda.pdf" is not a PNG, JPEG or GIF image: a session image must be one of those.',
    });
    expect(filesInfoAbout('FPDF')).toHaveLength(1);

    // 7 MB: too big, said with its size.
    const big = await ada.submits(details, { ...values, imageFile: picked('FBIG') });
    expect(big.errors).toEqual({
      imageFile: '"poster.png" is 7 MB: a session image can be at most 5 MB. Pick a smaller one.',
    });
    expect(
      await world.service.core.sessions.find({ workspaceId: `slack:${TEAM.id}`, limit: 5 }),
    ).toHaveLength(0);

    // The cover: on to the meeting step, then published.
    const step2 = await ada.submits(details, { ...values, imageFile: picked('FCOVER') });
    expect(step2.response_action).toBe('push');
    const before = answers();
    const done = await ada.submits(step2.view, {
      'meeting.platform': selectValue('gmeet'),
      'meeting.url': textValue(MEET),
    });
    expect(done.response_action).toBe('clear');
    const published = await latestAnswer(before);
    expect(imageIn(published.blocks)).toEqual({
      type: 'image',
      slack_file: { id: 'FCOVER' },
      alt_text: 'Parsing clinic',
    });
    expect(findAction(published.blocks, 'session.removeImage')?.text.text).toBe('Remove image');

    // Grace's invitation shows the same file; she may not remove it.
    const invitation = await grace.dmSaying('invited you');
    expect(imageIn(invitation.blocks)?.slack_file).toEqual({ id: 'FCOVER' });
    expect(findAction(invitation.blocks, 'session.removeImage')).toBeUndefined();

    // Edit: the form names the current file; a new one replaces it.
    await pressOnEphemeral(ada, published, 'session.edit');
    const edit = await eventually(async () => {
      const view = await ada.modal();
      expect(view.callback_id).toBe('session.details');
      return view;
    });
    const now = edit.blocks.find((b: AnyView) => b.block_id === 'imageFile');
    expect(now.hint.text).toContain('Now: cover.png');
    const editStep2 = await ada.submits(edit, { ...values, imageFile: picked('FNEW') });
    expect(editStep2.response_action).toBe('push');
    const saved = answers();
    await ada.submits(editStep2.view, {
      'meeting.platform': selectValue('gmeet'),
      'meeting.url': textValue(MEET),
    });
    const replaced = await latestAnswer(saved);
    expect(imageIn(replaced.blocks)?.slack_file).toEqual({ id: 'FNEW' });

    // Remove image: the message shows the session without it, and no such button.
    const removing = answers();
    await pressOnEphemeral(ada, replaced, 'session.removeImage');
    const removed = await latestAnswer(removing);
    expect(removed.text).toContain('Image removed');
    expect(imageIn(removed.blocks)).toBeUndefined();
    expect(findAction(removed.blocks, 'session.removeImage')).toBeUndefined();
    const [stored] = await world.service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      limit: 1,
    });
    expect(stored?.imageFile).toBeUndefined();
    expect(stored?.imageUrl).toBeUndefined();
  }, 120_000);
});
