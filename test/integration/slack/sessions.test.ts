import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../../src/core/people/person.js';
import { createAndPublishSession } from '../../../src/core/sessions/index.js';
import {
  blockActions,
  dateValue,
  selectValue,
  slashCommand,
  TEAM,
  textValue,
  timeValue,
  usersValue,
  viewSubmission,
} from '../../fixtures/slack/payloads.js';
import {
  findAction,
  inDays,
  type SlackService,
  SlackStub,
  startSlackService,
  textOf,
} from './harness.js';

const USERS = {
  UMENTOR: { name: 'Ada' },
  UM1: { name: 'Grace', email: 'grace@example.com' },
  UM2: { name: '=HYPERLINK("x")' },
  UM3: { name: 'Alan' },
};
const id = (user: string) => personIdOf('slack', TEAM.id, user);

let service: SlackService;
let slack: SlackStub;
beforeAll(async () => {
  service = await startSlackService();
  await service.seed('UMENTOR', { name: 'Ada', roles: ['mentor'] });
  for (const u of ['UM1', 'UM2', 'UM3'])
    await service.seed(u, { name: USERS[u as keyof typeof USERS].name });
});
afterAll(() => service.stop());
afterEach(() => slack?.close());

/** A published session made through the core; its invitations go to a fresh stub. */
async function publishedSession(seatLimit: number, invited: string[] = []) {
  slack = new SlackStub(USERS);
  for (const _ of invited) slack.expect('chat.postMessage');
  const day = inDays(12);
  const result = await createAndPublishSession(service.core, {
    actor: { personId: id('UMENTOR') },
    input: {
      title: 'Office hours',
      start: { date: day, time: '10:00' },
      end: { date: day, time: '11:00' },
      seatLimit,
      menteeIds: invited.map(id),
    },
  });
  if (!result.ok) throw result.error;
  await slack.done();
  slack.close();
  return result.value.session.id;
}

describe('sessions in Slack', () => {
  it('creates, edits (refusing a stale form) and deletes with confirmation', async () => {
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    const command = slashCommand({ command: '/create-session', user: 'UMENTOR' });
    await service.send(command);
    await slack.done();
    const form = slack.lastView();

    // Field errors come back inline, on the blocks they belong to.
    const invalid = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: form,
        values: {
          title: textValue(''),
          start: dateValue(inDays(5)),
          'start.time': timeValue('10:00'),
          end: dateValue(inDays(5)),
          'end.time': timeValue('09:00'),
          seatLimit: textValue('3'),
        },
      }),
    );
    expect(invalid).toEqual({
      response_action: 'errors',
      errors: { title: 'Give the session a title.' },
    });
    const backwards = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: form,
        values: {
          title: textValue('Rust'),
          start: dateValue(inDays(5)),
          'start.time': timeValue('10:00'),
          end: dateValue(inDays(5)),
          'end.time': timeValue('09:00'),
          seatLimit: textValue('x'),
        },
      }),
    );
    expect(backwards.response_action).toBe('errors');
    expect(Object.keys(backwards.errors)).toEqual(['seatLimit']);
    const tooShort = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: form,
        values: {
          title: textValue('Rust'),
          start: dateValue(inDays(5)),
          'start.time': timeValue('10:00'),
          end: dateValue(inDays(5)),
          'end.time': timeValue('09:00'),
          seatLimit: textValue('3'),
        },
      }),
    );
    expect(tooShort).toEqual({
      response_action: 'errors',
      errors: { end: 'The end must be after the start.' },
    });

    const day = inDays(6);
    const values = {
      title: textValue('Rust basics'),
      start: dateValue(day),
      'start.time': timeValue('10:00'),
      end: dateValue(day),
      'end.time': timeValue('11:00'),
      seatLimit: textValue('3'),
      menteeIds: usersValue(['UM1']),
    };
    const step2 = await service.submit(viewSubmission({ user: 'UMENTOR', view: form, values }));
    expect(step2.response_action).toBe('push');
    slack.expect('chat.postMessage').expect(new URL(command.responseUrl).pathname);
    const bad = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: step2.view,
        values: {
          'meeting.platform': selectValue('gmeet'),
          'meeting.url': textValue('https://example.com/x'),
        },
      }),
    );
    expect(bad.response_action).toBe('errors');
    expect(bad.errors['meeting.url']).toContain('Google Meet');
    const done = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: step2.view,
        values: {
          'meeting.platform': selectValue('gmeet'),
          'meeting.url': textValue('https://meet.google.com/abc-defg-hij'),
        },
      }),
    );
    expect(done.response_action).toBe('clear');
    await slack.done();
    expect(slack.last('chat.postMessage').args.channel).toBe('DUM1'); // the invitee is told
    const posted = slack.last(new URL(command.responseUrl).pathname).args;
    const edit = findAction(posted.blocks, 'session.edit');
    const sessionId = edit?.value as string;
    slack.close();

    // Edit: the form opens filled in; saving it and then the old form again is refused.
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'session.edit',
        value: sessionId,
        container: {
          type: 'message',
          channel_id: 'C0GENERAL',
          message_ts: '1',
          is_ephemeral: true,
        },
        responseUrl: 'http://slack.test/actions/edit',
      }),
    );
    await slack.done();
    const editForm = slack.lastView();
    expect(textOf(editForm.blocks)).toContain('Rust basics');
    const saved = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: editForm,
        values: { ...values, title: textValue('Rust, the basics') },
      }),
    );
    expect(saved.response_action).toBe('push');
    const stale = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: editForm,
        values: { ...values, title: textValue('Older edit') },
      }),
    );
    expect(stale.response_action).toBe('update');
    expect(textOf(stale.view.blocks)).toContain('changed since you opened it');
    expect((await service.core.sessions.get(sessionId))?.title).toBe('Rust, the basics');
    slack.close();

    // Delete: a confirmation modal first; confirming cancels it and tells the invitee.
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'session.delete',
        value: sessionId,
        view: { id: 'VHOME', type: 'home' },
      }),
    );
    await slack.done();
    const confirm = slack.lastView();
    expect(confirm.callback_id).toBe('session.delete');
    expect((await service.core.sessions.get(sessionId))?.status).toBe('published');
    slack.expect('chat.postMessage').expect('views.publish');
    const deleted = await service.submit(
      viewSubmission({ user: 'UMENTOR', view: confirm, values: {} }),
    );
    expect(deleted.response_action).toBe('clear');
    await slack.done();
    expect(slack.last('chat.postMessage').args.text).toContain('was cancelled');
    expect((await service.core.sessions.get(sessionId))?.status).toBe('cancelled');
  });

  it('a details form without the meeting choices (opened before an upgrade) gets them from the core', async () => {
    const workspaceId = `slack:${TEAM.id}`;
    const workspace = await service.core.workspaces.get(workspaceId);
    if (!workspace) throw new Error('no workspace');
    const zoomFirst = { ...workspace.config, defaultMeetingPlatform: 'zoom' as const };
    await service.core.workspaces.saveConfig(workspaceId, zoomFirst, new Date());
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(slashCommand({ command: '/create-session', user: 'UMENTOR' }));
    await slack.done();
    const form = slack.lastView();
    const { mp: _mp, dp: _dp, ...older } = JSON.parse(form.private_metadata);
    const day = inDays(8);
    const step2 = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: { ...form, private_metadata: JSON.stringify(older) },
        values: {
          title: textValue('Older form'),
          start: dateValue(day),
          'start.time': timeValue('10:00'),
          end: dateValue(day),
          'end.time': timeValue('11:00'),
          seatLimit: textValue('3'),
        },
      }),
    );
    expect(step2.response_action).toBe('push');
    // The workspace's default (Zoom) is preselected, as the core says; not BigBlueButton.
    const platform = step2.view.blocks.find(
      (block: { block_id?: string }) => block.block_id === 'meeting.platform',
    );
    expect(platform?.element?.initial_option?.value).toBe('zoom');
    await service.core.workspaces.saveConfig(workspaceId, workspace.config, new Date());
  });

  it('enrols until the seats are full; a double click enrols once', async () => {
    const sessionId = await publishedSession(2);
    slack = new SlackStub(USERS);
    slack
      .expect('views.publish')
      .expect('views.publish')
      .expect('views.publish')
      .expect('views.publish');
    const press = (user: string, hash = 'h1') =>
      service.send(
        blockActions({
          user,
          actionId: 'session.enrol',
          value: sessionId,
          view: { id: `VHOME${user}`, type: 'home', hash },
        }),
      );
    await press('UM1');
    await press('UM1'); // the same button on the same Home render
    await press('UM2');
    await press('UM3');
    await slack.done();
    const session = await service.core.sessions.get(sessionId);
    // The presses race (each is acknowledged before it is processed): exactly two win.
    const enrolled = session?.enrolledIds ?? [];
    expect(enrolled).toHaveLength(2);
    expect(new Set(enrolled).size).toBe(2);
    const loser = ['UM1', 'UM2', 'UM3'].find((u) => !enrolled.includes(id(u)));
    const told = slack.of('views.publish').filter((c) => c.args.user_id === loser);
    expect(textOf(told.at(-1)?.args.view.blocks)).toContain('Session seats full');
  });

  it('clones a session with everyone invited again', async () => {
    const sessionId = await publishedSession(3, ['UM3']);
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'session.clone',
        value: sessionId,
        container: { type: 'message', channel_id: 'DUMENTOR', message_ts: '1700000200.1' },
      }),
    );
    await slack.done();
    const modal = slack.lastView();
    expect(modal.callback_id).toBe('session.clone');
    slack.expect('chat.postMessage').expect('chat.update');
    const day = inDays(20);
    const answer = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: modal,
        values: {
          start: dateValue(day),
          'start.time': timeValue('10:00'),
          end: dateValue(day),
          'end.time': timeValue('11:00'),
        },
      }),
    );
    expect(answer.response_action).toBe('clear');
    await slack.done();
    expect(slack.last('chat.postMessage').args.channel).toBe('DUM3');
    const clones = await service.core.sessions.find({
      workspaceId: `slack:${TEAM.id}`,
      participantId: id('UM3'),
      limit: 10,
    });
    expect(clones.some((s) => s.clonedFrom === sessionId)).toBe(true);
  });

  it('shows the mentee list and uploads it as CSV to the DM', async () => {
    const sessionId = await publishedSession(3, ['UM1', 'UM2']);
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'session.mentees',
        value: sessionId,
        view: { id: 'VHOME', type: 'home' },
      }),
    );
    await slack.done();
    const list = slack.lastView();
    expect(list.callback_id).toBe('session.mentees');
    const download = findAction(list.blocks, 'session.csv');
    let uploaded = '';
    slack
      .expect('files.getUploadURLExternal')
      .expect('/upload/F0CSV', (body) => {
        uploaded = JSON.stringify(body);
        return 'OK';
      })
      .expect('files.completeUploadExternal');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'session.csv',
        value: download?.value,
        view: { id: 'VLIST' },
      }),
    );
    await slack.done();
    expect(slack.last('files.completeUploadExternal').args.channel_id).toBe('DUMENTOR');
    expect(uploaded).toContain('Grace');
    expect(uploaded).toContain("'=HYPERLINK"); // formula cells are escaped
  });
});
