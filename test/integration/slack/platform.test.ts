import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appHomeOpened,
  blockActions,
  signatureHeaders,
  slashCommand,
  textValue,
  viewSubmission,
} from '../../fixtures/slack/payloads.js';
import {
  ADMIN,
  findAction,
  SECRET,
  type SlackService,
  SlackStub,
  startSlackService,
  textOf,
} from './harness.js';

const USERS = { UADMIN: { name: 'Admin' }, UMENTOR: { name: 'Ada' }, UMENTEE: { name: 'Grace' } };

let service: SlackService;
let slack: SlackStub;
beforeAll(async () => {
  service = await startSlackService();
  await service.seed('UMENTOR', { name: 'Ada', roles: ['mentor'] });
  await service.seed('UMENTEE', { name: 'Grace' });
});
afterAll(() => service.stop());
afterEach(() => slack?.close());

const headersOf = (res: Response) => res.status;

describe('Slack platform rules', () => {
  it('refuses a bad or stale signature with 401 and changes nothing', async () => {
    slack = new SlackStub(USERS);
    const command = slashCommand({
      command: '/request-session',
      user: 'UMENTEE',
      text: '<@UMENTOR>',
    });
    const url = `http://127.0.0.1:${service.app.port}/slack/events`;
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': command.contentType, ...headers },
        body: command.body,
      });
    expect(headersOf(await post(signatureHeaders('wrong-secret', command.body)))).toBe(401);
    expect(
      headersOf(
        await post(signatureHeaders(SECRET, command.body, Math.floor(Date.now() / 1000) - 6 * 60)),
      ),
    ).toBe(401);
    expect(headersOf(await post(signatureHeaders(SECRET, `${command.body}&text=tampered`)))).toBe(
      401,
    );
    expect(headersOf(await post({}))).toBe(401);
    // Malformed signatures: another version, not hex, a truncated hash.
    const good = signatureHeaders(SECRET, command.body);
    const hash = (good['x-slack-signature'] as string).slice(3);
    // Anything around a genuine hash: the header is exactly `v0=` and 64 hex digits.
    for (const signature of [
      `v1=${hash}`,
      `v0=${'z'.repeat(64)}`,
      `v0=${hash.slice(0, 40)}`,
      hash,
      `v0=${hash}=`,
      `v0=${hash}=v0=anything`,
      `v0=${hash.toUpperCase()}`,
    ])
      expect(headersOf(await post({ ...good, 'x-slack-signature': signature }))).toBe(401);
    // The same request correctly signed is accepted (the checks above are not vacuous).
    expect(headersOf(await post(good))).toBe(200);
    // Only the correctly signed request did anything (its work runs after the ack).
    const stored = () => service.core.requests.find({ workspaceId: 'slack:T0TEST', limit: 10 });
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toHaveLength(1);
  });

  it('in single-workspace mode serves only its own team: another team changes nothing', async () => {
    slack = new SlackStub({ UEVE: { name: 'Eve' } });
    const fromOtherTeam = <T extends { body: string }>(signed: T): T => ({
      ...signed,
      body: signed.body.replaceAll('T0TEST', 'T0OTHER'),
    });
    const command = await service.send(
      fromOtherTeam(slashCommand({ command: '/mentorbot', user: 'UEVE' })),
    );
    expect(command.status).toBe(200);
    expect(await command.json()).toEqual({
      response_type: 'ephemeral',
      text: 'mentorbot is not installed in this workspace.',
    });
    const click = await service.send(
      fromOtherTeam(blockActions({ user: 'UEVE', actionId: 'profile.mentee' })),
    );
    expect(click.status).toBe(403);
    const home = await service.send(fromOtherTeam(appHomeOpened('UEVE')));
    expect(home.status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(await service.core.workspaces.get('slack:T0OTHER')).toBeUndefined();
    expect(await service.core.people.get('slack:T0OTHER:UEVE')).toBeUndefined();
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('answers a bad body with 400 and Slack URL verification with the challenge', async () => {
    const bad = await service.send({ body: '{not json', contentType: 'application/json' });
    expect(bad.status).toBe(400);
    const challenge = await service.send({
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc123' }),
      contentType: 'application/json',
    });
    expect(await challenge.json()).toEqual({ challenge: 'abc123' });
  });

  it('renders the App Home by role: mentee, mentor, admin', async () => {
    slack = new SlackStub(USERS);
    slack.expect('views.publish').expect('views.publish').expect('views.publish');
    for (const user of ['UMENTEE', 'UMENTOR', ADMIN]) await service.send(appHomeOpened(user));
    await slack.done();
    const home = (user: string) =>
      textOf(slack.of('views.publish').find((c) => c.args.user_id === user)?.args.view.blocks);
    expect(home('UMENTEE')).toContain('My mentorship requests');
    expect(home('UMENTEE')).toContain('My mentoring sessions');
    expect(home('UMENTEE')).not.toContain('session.create');
    expect(home('UMENTEE')).not.toContain('Workspace settings');
    expect(home('UMENTOR')).toContain('session.create');
    expect(home(ADMIN)).toContain('Workspace settings (admin)');
  });

  it('shows profile errors inline and switches a feature off from the settings modal', async () => {
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: 'UMENTOR',
        actionId: 'profile.mentor',
        view: { id: 'VHOME', type: 'home' },
      }),
    );
    await slack.done();
    const profile = slack.lastView();
    const invalid = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: profile,
        values: {
          headline: textValue('Staff engineer'),
          availability: textValue('Tue 14:00-16:00\nsometimes'),
        },
      }),
    );
    expect(invalid.response_action).toBe('errors');
    expect(invalid.errors.availability).toContain('Line 2');
    const overlapping = await service.submit(
      viewSubmission({
        user: 'UMENTOR',
        view: profile,
        values: {
          headline: textValue('Staff engineer'),
          availability: textValue('Tue 14:00-16:00\nTue 15:00-17:00'),
        },
      }),
    );
    expect(overlapping.errors.availability).toContain('overlaps');
    slack.close();

    // The admin turns mentee requests off.
    slack = new SlackStub(USERS);
    slack.expect('views.open').expect('views.update');
    await service.send(
      blockActions({
        user: ADMIN,
        actionId: 'admin.settings',
        view: { id: 'VHOME', type: 'home' },
      }),
    );
    await slack.done();
    const settings = slack.lastView();
    expect(settings.callback_id).toBe('settings.workspace');
    const features = settings.blocks.find((b: { block_id?: string }) => b.block_id === 'features');
    const keep = features.element.initial_options.filter(
      (o: { value: string }) => o.value !== 'menteeRequests',
    );
    const values: Record<string, Record<string, unknown>> = {
      features: { value: { type: 'checkboxes', selected_options: keep } },
    };
    for (const block of settings.blocks) {
      if (block.element?.type === 'plain_text_input')
        values[block.block_id] = textValue(block.element.initial_value ?? '');
      if (block.element?.type === 'static_select')
        values[block.block_id] = {
          value: { type: 'static_select', selected_option: block.element.initial_option },
        };
    }
    slack.expect('views.publish');
    const saved = await service.submit(viewSubmission({ user: ADMIN, view: settings, values }));
    expect(saved).toEqual({ response_action: 'clear' });
    await slack.done();
    slack.close();

    // Now the command and the modal both answer with the sentence, and nothing half-shows.
    slack = new SlackStub(USERS);
    const command = slashCommand({
      command: '/request-session',
      user: 'UMENTEE',
      text: '<@UMENTOR> hi',
    });
    slack.expect(new URL(command.responseUrl).pathname);
    await service.send(command);
    slack.expect('views.open').expect('views.update');
    await service.send(slashCommand({ command: '/request-session', user: 'UMENTEE' }));
    await slack.done();
    expect(String(slack.last(new URL(command.responseUrl).pathname).args.text)).toContain(
      'is turned off in this workspace',
    );
    const modal = slack.lastView();
    expect(modal.callback_id).toBe('notice');
    expect(textOf(modal.blocks)).toContain('is turned off in this workspace');
    expect(findAction(modal.blocks, 'mentor.pick')).toBeUndefined();
  });

  it('tells the person to try again when Slack rate-limits views.open', async () => {
    slack = new SlackStub(USERS);
    const command = slashCommand({ command: '/create-session', user: 'UMENTOR' });
    slack.scope
      .post('/api/views.open')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' });
    slack.expect(new URL(command.responseUrl).pathname);
    await service.send(command);
    await slack.done();
    expect(String(slack.last(new URL(command.responseUrl).pathname).args.text)).toContain(
      'try again',
    );
  });
});
