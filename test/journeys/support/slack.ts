import nock from 'nock';
import { expect, vi } from 'vitest';
import {
  type AnyView,
  appHomeOpened,
  blockActions,
  SLACK_HOST,
  type StateValues,
  slashCommand,
  TEAM,
  viewSubmission,
} from '../../fixtures/slack/payloads.js';
import { FixedClock } from '../../helpers/core.js';
import {
  findAction,
  type SlackService,
  type SlackUser,
  startSlackService,
} from '../../integration/slack/harness.js';

/**
 * A Slack workspace for journey tests: the whole service in-process behind its public
 * endpoint (signed requests), and Slack's Web API and response URLs served by a stand-in
 * that answers every call and records it, so a test reads what each person received.
 */

export interface Received {
  /** chat.postMessage, views.publish, views.open/update/push, or a response URL. */
  readonly via: string;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: blocks as the service rendered them
  readonly blocks: any[];
  /** The whole payload as sent (response_type, replace_original, view, ...). */
  readonly args: AnyView;
}

const parse = (body: unknown): AnyView => {
  if (typeof body !== 'string') return (body ?? {}) as AnyView;
  try {
    return JSON.parse(body);
  } catch {
    const args: AnyView = Object.fromEntries(new URLSearchParams(body));
    for (const key of ['blocks', 'view']) {
      if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
    }
    return args;
  }
};

/** A file someone uploaded to Slack, as `files.info` describes it. */
export interface SlackFile {
  readonly name: string;
  readonly mimetype: string;
  readonly size: number;
}

export class SlackWorkspace {
  readonly clock: FixedClock;
  /** Files people uploaded (a modal's file input), by id: what `files.info` answers. */
  readonly files = new Map<string, SlackFile>();
  /** Every call the service made to Slack, in order, with who it was for. */
  readonly calls: { path: string; user?: string; args: AnyView }[] = [];
  /** Response URLs, trigger ids and view ids handed out, by the person they belong to. */
  private readonly responseUrls = new Map<string, string>();
  private readonly triggers = new Map<string, string>();
  private readonly viewOwners = new Map<string, string>();
  private messages = 0;
  private views = 0;

  private constructor(
    readonly service: SlackService,
    clock: FixedClock,
  ) {
    this.clock = clock;
  }

  static async start(users: Record<string, SlackUser>, now = new Date()): Promise<SlackWorkspace> {
    const clock = new FixedClock(now);
    const service = await startSlackService({}, { clock });
    const world = new SlackWorkspace(service, clock);
    nock(SLACK_HOST)
      .persist()
      .post(/.*/)
      .reply(200, function (this: unknown, path: string, body: unknown) {
        return world.answer(path, parse(body), users);
      });
    return world;
  }

  private answer(path: string, args: AnyView, users: Record<string, SlackUser>): unknown {
    const method = path.replace(/^\/api\//, '');
    const user = this.userOf(path, args);
    this.calls.push({ path: method, ...(user ? { user } : {}), args });
    switch (method) {
      case 'users.info': {
        const id = String(args.user);
        const u = users[id] ?? { name: id };
        return {
          ok: true,
          user: {
            id,
            name: u.name.toLowerCase(),
            real_name: u.name,
            tz: u.tz ?? 'Europe/Berlin',
            profile: { display_name: u.name, email: u.email },
          },
        };
      }
      case 'files.info': {
        const id = String(args.file);
        const file = this.files.get(id);
        if (!file) return { ok: false, error: 'file_not_found' };
        return {
          ok: true,
          file: {
            id,
            name: file.name,
            title: file.name,
            mimetype: file.mimetype,
            filetype: file.name.split('.').pop(),
            size: file.size,
          },
        };
      }
      case 'auth.test':
        return { ok: true, team_id: TEAM.id, user_id: 'UBOT', bot_id: 'BBOT' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${args.users}` } };
      case 'chat.postMessage': {
        this.messages += 1;
        // Kept on the record, so a test can press a button on this very message.
        args.ts = `1700000100.${this.messages}`;
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'views.open':
      case 'views.push': {
        this.views += 1;
        const id = `VW${this.views}`;
        if (user) this.viewOwners.set(id, user);
        return { ok: true, view: { ...args.view, id, hash: `h${this.views}` } };
      }
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { ...args.view, id: args.view_id ?? 'VHOME', hash: 'h-next' } };
      default:
        return { ok: true };
    }
  }

  private userOf(path: string, args: AnyView): string | undefined {
    if (this.responseUrls.has(path)) return this.responseUrls.get(path);
    if (typeof args.channel === 'string' && args.channel.startsWith('D'))
      return args.channel.slice(1);
    if (typeof args.user_id === 'string') return args.user_id;
    if (typeof args.trigger_id === 'string') return this.triggers.get(args.trigger_id);
    if (typeof args.view_id === 'string') return this.viewOwners.get(args.view_id);
    return undefined;
  }

  /** Notes whose trigger, view and response URL a signed request carries, then sends it. */
  async send(userId: string, signed: { body: string; contentType: string }): Promise<Response> {
    const form = new URLSearchParams(signed.body);
    const trigger = form.get('trigger_id');
    if (trigger) this.triggers.set(trigger, userId);
    const url = form.get('response_url');
    if (url) this.responseUrlFor(userId, url);
    const payload = form.get('payload');
    if (payload) {
      const p = JSON.parse(payload) as AnyView;
      if (p.trigger_id) this.triggers.set(p.trigger_id, userId);
      if (p.view?.id) this.viewOwners.set(p.view.id, userId);
      if (p.response_url) this.responseUrlFor(userId, p.response_url);
    }
    return this.service.send(signed);
  }

  person(userId: string): SlackPerson {
    return new SlackPerson(this, userId);
  }

  /** Remembers that a response URL answers `userId`. */
  responseUrlFor(userId: string, url: string): void {
    this.responseUrls.set(new URL(url).pathname, userId);
  }

  /** What `userId` received so far (DMs, Home, modals, ephemeral answers). */
  receivedBy(userId: string): Received[] {
    return this.calls
      .filter((c) => c.user === userId && !['users.info', 'conversations.open'].includes(c.path))
      .map((c) => {
        const view = c.args.view as AnyView | undefined;
        return {
          via: c.path.startsWith('/') ? 'response_url' : c.path,
          text: String(c.args.text ?? ''),
          blocks: (view?.blocks ?? c.args.blocks ?? []) as AnyView[],
          args: c.args,
        };
      });
  }

  stop(): Promise<void> {
    nock.cleanAll();
    return this.service.stop();
  }
}

/** Waits until `check` passes: DMs go out after the person who caused them has their answer. */
export const eventually = <T>(check: () => T | Promise<T>, timeout = 8_000) =>
  vi.waitFor(check, { timeout, interval: 25 });

export const textOf = (value: unknown) => JSON.stringify(value);

/** One person in the workspace: what they type, press and submit, and what they see. */
export class SlackPerson {
  constructor(
    readonly world: SlackWorkspace,
    readonly id: string,
  ) {}

  private seen = 0;

  /** Everything received since the last call of `news` (or ever). */
  news(): Received[] {
    const all = this.world.receivedBy(this.id);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }

  dms(): Received[] {
    return this.world.receivedBy(this.id).filter((r) => r.via === 'chat.postMessage');
  }

  /** Waits for a DM whose text or blocks contain `words`, and returns it. */
  async dmSaying(words: string): Promise<Received> {
    return eventually(() => {
      const found = this.dms().find((m) => textOf(m).includes(words));
      expect(found, `${this.id} got no DM saying "${words}"`).toBeDefined();
      return found as Received;
    });
  }

  /** Types a slash command; returns the response URL its answers go to. */
  async types(command: string, text = ''): Promise<{ responseUrl: string; triggerId: string }> {
    const signed = slashCommand({ command, user: this.id, text });
    const res = await this.world.send(this.id, signed);
    expect(res.status).toBe(200);
    return signed;
  }

  /** The modal the person has open now (the last one opened, pushed or updated for them). */
  async modal(): Promise<AnyView> {
    return eventually(() => {
      const view = [...this.world.receivedBy(this.id)]
        .reverse()
        .find((r) => ['views.open', 'views.update', 'views.push'].includes(r.via));
      expect(view?.args.view).toBeDefined();
      expect(view?.args.view?.callback_id).not.toBe('loading');
      return view?.args.view as AnyView;
    });
  }

  /**
   * The modal with `callbackId` as the person sees it now, with its view id (which a button
   * pressed in it carries back). `since`: only what was drawn after that many calls.
   */
  async openModal(callbackId: string, since = 0): Promise<{ id: string; view: AnyView }> {
    return eventually(() => {
      const drawn = this.world.calls
        .slice(since)
        .filter((c) => c.user === this.id && c.path === 'views.update')
        .filter((c) => (c.args.view as AnyView | undefined)?.callback_id === callbackId)
        .at(-1);
      expect(drawn, `${this.id} has no ${callbackId} modal open`).toBeDefined();
      return { id: String(drawn?.args.view_id), view: drawn?.args.view as AnyView };
    });
  }

  /** Presses a button in an open modal (`button`: one of its elements). */
  async pressesInModal(modal: { id: string; view: AnyView }, button: AnyView): Promise<void> {
    const signed = blockActions({
      user: this.id,
      actionId: String(button.action_id),
      value: button.value,
      view: { id: modal.id, type: 'modal', callback_id: modal.view.callback_id },
    });
    expect((await this.world.send(this.id, signed)).status).toBe(200);
  }

  /** Submits a modal; returns Slack's answer (`response_action`, errors, the next view). */
  async submits(view: AnyView, values: StateValues): Promise<AnyView> {
    const res = await this.world.send(this.id, viewSubmission({ user: this.id, view, values }));
    expect(res.status).toBe(200);
    const text = await res.text();
    return text ? JSON.parse(text) : {};
  }

  /** Opens the App Home tab and returns its blocks. */
  async opensHome(): Promise<AnyView[]> {
    const before = this.world.receivedBy(this.id).filter((r) => r.via === 'views.publish').length;
    const res = await this.world.send(this.id, appHomeOpened(this.id));
    expect(res.status).toBe(200);
    return eventually(() => {
      const homes = this.world.receivedBy(this.id).filter((r) => r.via === 'views.publish');
      expect(homes.length).toBeGreaterThan(before);
      return homes.at(-1)?.blocks as AnyView[];
    });
  }

  /** Presses a button with this action id and value on their App Home. */
  async pressesOnHome(actionId: string, value: string): Promise<void> {
    const signed = blockActions({
      user: this.id,
      actionId,
      value,
      view: { id: `VHOME${this.id}`, type: 'home' },
    });
    expect((await this.world.send(this.id, signed)).status).toBe(200);
  }

  /** Presses a button found in `blocks` (a DM's, the Home's) by its action id. */
  async presses(
    blocks: AnyView[],
    actionId: string,
    where: { dm: Received } | { home: true },
  ): Promise<void> {
    const button = findAction(blocks, actionId);
    expect(button, `no ${actionId} button`).toBeDefined();
    const signed =
      'dm' in where
        ? blockActions({
            user: this.id,
            actionId,
            value: button?.value,
            container: {
              type: 'message',
              channel_id: `D${this.id}`,
              message_ts: String(where.dm.args.ts),
            },
          })
        : blockActions({
            user: this.id,
            actionId,
            value: button?.value,
            view: { id: `VHOME${this.id}`, type: 'home' },
          });
    const res = await this.world.send(this.id, signed);
    expect(res.status).toBe(200);
  }
}

/** Presses a button on an ephemeral answer (a slash command's): Slack gives a new response URL. */
export async function pressOnEphemeral(
  person: SlackPerson,
  answer: Received,
  actionId: string,
): Promise<string> {
  const button = findAction(answer.blocks, actionId);
  expect(button, `no ${actionId} button`).toBeDefined();
  const responseUrl = `${SLACK_HOST}/actions/${TEAM.id}/${Date.now()}${Math.random().toString(36).slice(2)}/reply`;
  const signed = blockActions({
    user: person.id,
    actionId,
    value: button?.value,
    container: {
      type: 'message',
      channel_id: `D${person.id}`,
      message_ts: '1700000000.999',
      is_ephemeral: true,
    },
    responseUrl,
  });
  expect((await person.world.send(person.id, signed)).status).toBe(200);
  return responseUrl;
}

/** The URL of the *Join* button in `blocks`, if there is one. */
export const joinUrlIn = (blocks: AnyView[]): string | undefined =>
  findAction(blocks, 'session.join')?.url;
