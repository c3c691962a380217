import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../../src/core/people/person.js';
import {
  type AnyView,
  blockActions,
  dateValue,
  selectValue,
  slashCommand,
  TEAM,
  textValue,
  timeValue,
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
  UMENTEE: { name: 'Grace', tz: 'America/New_York' },
  UMENTOR: { name: 'Ada', tz: 'Europe/London' },
  UADMIN: { name: 'Admin' },
  UMENTOR3: { name: 'Linus' },
  UMENTEE3: { name: 'Barbara' },
  UMENTOR4: { name: 'Margaret' },
  UMENTEE4: { name: 'Alan' },
};

let service: SlackService;
let slack: SlackStub;
beforeAll(async () => {
  service = await startSlackService();
});
afterAll(async () => {
  await service.stop();
});
afterEach(() => slack?.close());

const id = (user: string) => personIdOf('slack', TEAM.id, user);

describe('mentee -> mentor (docs/product.md#mentee-asks-a-mentor): /request-session to a scheduled session', () => {
  it('runs from the command through the mentor DM, Schedule session and both modal steps', async () => {
    await service.seed('UMENTOR', { name: 'Ada', roles: ['mentor'], tz: 'Europe/London' });
    await service.seed('UMENTEE', { name: 'Grace', tz: 'America/New_York' });

    // 1. The mentee asks; the command is acknowledged and the mentor gets a DM.
    slack = new SlackStub(USERS);
    const command = slashCommand({
      command: '/request-session',
      user: 'UMENTEE',
      text: '<@UMENTOR|ada> Could we talk about careers?',
    });
    slack.expect(new URL(command.responseUrl).pathname).expect('chat.postMessage');
    const res = await service.send(command);
    expect(res.status).toBe(200);
    await slack.done();
    expect(String(slack.last(new URL(command.responseUrl).pathname).args.text)).toContain(
      'Your request was sent',
    );
    const dm = slack.last('chat.postMessage').args;
    expect(dm.channel).toBe('DUMENTOR');
    expect(dm.text).toContain('Grace asked you for a mentoring session');
    const schedule = findAction(dm.blocks, 'request.schedule');
    expect(schedule).toBeDefined();
    expect(findAction(dm.blocks, 'request.decline')).toBeDefined();
    slack.close();

    // 2. The mentor presses *Schedule session*: a loading modal with the trigger, then the form.
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'request.schedule',
        value: schedule?.value,
        container: { type: 'message', channel_id: 'DUMENTOR', message_ts: '1700000100.000001' },
      }),
    );
    await slack.done();
    expect(slack.of('views.open')[0]?.args.view.callback_id).toBe('loading');
    const form = slack.lastView();
    expect(form.callback_id).toBe('session.details');
    expect(textOf(form.blocks)).toContain('UMENTEE'); // the mentee is shown as invited
    slack.close();

    // 3. Step 1 (details) pushes step 2 (meeting link).
    slack = new SlackStub(USERS);
    const day = inDays(10);
    const answer = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: form,
        values: {
          title: textValue('Careers chat'),
          start: dateValue(day),
          'start.time': timeValue('15:00'),
          end: dateValue(day),
          'end.time': timeValue('16:00'),
          seatLimit: textValue('1'),
        },
      }),
    );
    expect(answer.response_action).toBe('push');
    expect(answer.view.callback_id).toBe('session.meeting');
    const request = (
      await service.core.requests.find({
        workspaceId: `slack:${TEAM.id}`,
        menteeId: id('UMENTEE'),
        limit: 5,
      })
    )[0];
    expect(request?.status).toBe('pending'); // a draft does not answer the request yet

    // 4. Step 2 publishes: the request is scheduled, the mentee told, the mentor's DM updated.
    slack.expect('chat.postMessage').expect('chat.update');
    const published = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: answer.view,
        values: { 'meeting.platform': selectValue('bigbluebutton') },
      }),
    );
    expect(published).toEqual({ response_action: 'clear' });
    await slack.done();
    const told = slack.last('chat.postMessage').args;
    expect(told.channel).toBe('DUMENTEE');
    expect(told.text).toContain('Ada scheduled Careers chat');
    expect(told.text).toContain('America/New_York'); // in the mentee's own zone
    const update = slack.last('chat.update').args;
    expect(findAction(update.blocks, 'request.schedule')).toBeUndefined();
    const after = await service.core.requests.get(request?.id ?? '');
    expect(after?.status).toBe('scheduled');
    const session = await service.core.sessions.get(after?.sessionId ?? '');
    expect(session?.invitedIds).toEqual([id('UMENTEE')]);
    expect(session?.status).toBe('published');
  });

  it('answers a retried command once: one request, one DM', async () => {
    await service.seed('URETRY', { name: 'Retry' });
    await service.seed('UMENTOR2', { name: 'Mentor Two', roles: ['mentor'] });
    slack = new SlackStub(USERS);
    const command = slashCommand({
      command: '/request-session',
      user: 'URETRY',
      text: '<@UMENTOR2>',
    });
    const path = new URL(command.responseUrl).pathname;
    slack.expect(path).expect(path).expect('chat.postMessage');
    expect((await service.send(command)).status).toBe(200);
    expect(
      (
        await service.send(command, {
          'x-slack-retry-num': '1',
          'x-slack-retry-reason': 'http_timeout',
        })
      ).status,
    ).toBe(200);
    await slack.done();
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    const requests = await service.core.requests.find({
      workspaceId: `slack:${TEAM.id}`,
      menteeId: id('URETRY'),
      limit: 5,
    });
    expect(requests).toHaveLength(1);
  });
});

describe('mentor -> mentee (docs/product.md#mentor-offers-to-mentor): I want to mentor you!', () => {
  async function offer(mentor: string, mentee: string): Promise<{ dm: AnyView }> {
    slack = new SlackStub(USERS);
    const search = slashCommand({ command: '/find-mentees', user: mentor });
    slack.expect(new URL(search.responseUrl).pathname);
    await service.send(search);
    await slack.done();
    const results = slack.last(new URL(search.responseUrl).pathname).args;
    const button = findAction(results.blocks, 'offer.open');
    expect(button?.value).toBe(id(mentee));
    slack.close();

    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: mentor,
        actionId: 'offer.open',
        value: button?.value,
        container: {
          type: 'message',
          channel_id: 'C0GENERAL',
          message_ts: '1700000000.1',
          is_ephemeral: true,
        },
        responseUrl: 'http://slack.test/actions/offer-source',
      }),
    );
    await slack.done();
    const modal = slack.lastView();
    expect(modal.callback_id).toBe('offer.send');
    slack.close();

    slack = new SlackStub(USERS);
    slack.expect('chat.postMessage').expect('/actions/offer-source');
    const answer = await service.submit(
      viewSubmission({
        user: mentor,
        view: modal,
        values: { message: textValue('Happy to help with Rust') },
      }),
    );
    expect(answer.response_action).toBe('update');
    await slack.done();
    const dm = slack.last('chat.postMessage').args;
    expect(dm.channel).toBe(`D${mentee}`);
    expect(slack.last('/actions/offer-source').args.replace_original).toBe(true);
    slack.close();
    return { dm };
  }

  it('Send Request reaches the mentee; Dismiss tells the mentor nothing', async () => {
    await service.seed('UMENTOR3', { name: 'Linus', roles: ['mentor'] });
    await service.seed('UMENTEE3', {
      name: 'Barbara',
      lookingForMentor: true,
      interests: ['rust'],
    });
    const { dm } = await offer('UMENTOR3', 'UMENTEE3');
    expect(dm.text).toContain('Linus wants to mentor you!');
    const dismiss = findAction(dm.blocks, 'offer.dismiss');

    slack = new SlackStub(USERS);
    slack.expect('chat.update');
    await service.send(
      blockActions({
        user: 'UMENTEE3',
        actionId: 'offer.dismiss',
        value: dismiss?.value,
        container: { type: 'message', channel_id: 'DUMENTEE3', message_ts: '1700000100.000009' },
      }),
    );
    await slack.done();
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.of('chat.postMessage')).toHaveLength(0);
    expect(findAction(slack.last('chat.update').args.blocks, 'offer.dismiss')).toBeUndefined();
    const request = await service.core.requests.get(dismiss?.value);
    expect(request?.status).toBe('dismissed');
  });

  it('booking from the mentor profile accepts the offer and tells the mentor', async () => {
    // Every weekday 09:00-17:00 in the mentor's zone: there is always a free slot.
    const availability = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '09:00',
      end: '17:00',
    }));
    await service.seed('UMENTOR4', {
      name: 'Margaret',
      roles: ['mentor'],
      mentorProfile: { availability },
    });
    await service.seed('UMENTEE4', { name: 'Alan', lookingForMentor: true });
    const { dm } = await offer('UMENTOR4', 'UMENTEE4');
    const profileButton = findAction(dm.blocks, 'mentor.profile');

    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTEE4',
        actionId: 'mentor.profile',
        value: profileButton?.value,
        container: { type: 'message', channel_id: 'DUMENTEE4', message_ts: '1700000100.000010' },
      }),
    );
    await slack.done();
    const profile = slack.lastView();
    const book = findAction(profile.blocks, 'mentor.book');
    expect(book).toBeDefined();
    slack.close();

    slack = new SlackStub(USERS);
    slack.expect('views.update').expect('chat.postMessage').expect('chat.postMessage');
    await service.send(
      blockActions({
        user: 'UMENTEE4',
        actionId: 'mentor.book',
        value: book?.value,
        view: { id: 'VPROFILE', hash: 'hp1' },
      }),
    );
    await slack.done();
    const texts = slack.of('chat.postMessage').map((c) => `${c.args.channel}: ${c.args.text}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('DUMENTOR4: Alan accepted your offer'),
        expect.stringContaining('DUMENTOR4: Alan booked'),
      ]),
    );
    expect(slack.last('views.update').args.view_id).toBe('VPROFILE');
    const requests = await service.core.requests.find({
      workspaceId: `slack:${TEAM.id}`,
      menteeId: id('UMENTEE4'),
      limit: 5,
    });
    expect(requests[0]?.status).toBe('accepted');
  });
});
