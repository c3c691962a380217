import { expect, vi } from 'vitest';
import {
  botAdded,
  cardAction,
  cardSubmit,
  conversationIdOf,
  message,
  personIdOf,
  type TeamsUser,
  taskFetch,
  taskSubmit,
  teamsUser,
} from '../../fixtures/teams/activities.js';
import { FixedClock } from '../../helpers/core.js';
import { cardsOf, expectValidCard } from '../../integration/teams/cards.js';
import { startTeams, type TeamsHarness } from '../../integration/teams/harness.js';

/**
 * A Teams tenant for journey tests: the whole service in-process behind /api/messages, the
 * Bot Framework connector a stand-in recording every activity the bot sends, so a test reads
 * what each person received in their chat with the bot.
 */

export interface ChatCard {
  /** The activity id the connector gave the message (buttons on it carry it back). */
  readonly id: string;
  /** How it arrived: a new message (POST) or an update of an earlier one (PUT). */
  readonly method: string;
  // biome-ignore lint/suspicious/noExplicitAny: cards as the bot rendered them
  readonly card: any;
  readonly text: string;
}

export const textOf = (value: unknown) => JSON.stringify(value);

export const eventually = <T>(check: () => T | Promise<T>, timeout = 8_000) =>
  vi.waitFor(check, { timeout, interval: 25 });

export class TeamsTenant {
  /** Cards the bot answered invokes with (dialogs, button outcomes), for the schema check. */
  readonly answered: unknown[] = [];

  private constructor(
    readonly h: TeamsHarness,
    readonly clock: FixedClock,
    readonly tenantId: string,
  ) {}

  static async start(
    tenantId: string,
    env: Record<string, string> = {},
    now = new Date(),
  ): Promise<TeamsTenant> {
    const clock = new FixedClock(now);
    const h = await startTeams(env, { clock });
    return new TeamsTenant(h, clock, tenantId);
  }

  /**
   * Someone opens the app (and so the bot may message them); without TEAMS_ADMIN_AAD_IDS the
   * first becomes admin. `user`: one made beforehand (to name in the tenant's settings).
   */
  async joins(name: string, timeZone: string, user?: TeamsUser): Promise<TeamsPerson> {
    const who = user ?? teamsUser(name, this.tenantId, timeZone);
    expect((await this.h.post(botAdded(who))).status).toBe(200);
    return new TeamsPerson(this, who);
  }

  /**
   * Every card the bot sent in this journey, to anyone (messages, updates, dialogs, invoke
   * answers), checked against the official Adaptive Cards 1.5 schema and the SDK.
   */
  everyCard(): unknown[] {
    return [...this.h.calls.flatMap((call) => cardsOf(call.body)), ...this.answered];
  }

  /** Stops the service; then every card the journey collected must have been valid. */
  async stop(): Promise<void> {
    await this.h.stop();
    const cards = this.everyCard();
    expect(cards.length, 'the journey collected no cards').toBeGreaterThan(0);
    for (const card of cards) expectValidCard(card);
  }
}

export class TeamsPerson {
  constructor(
    readonly tenant: TeamsTenant,
    readonly user: TeamsUser,
  ) {}

  get id(): string {
    return personIdOf(this.user);
  }

  get name(): string {
    return this.user.name;
  }

  /** Every card the bot put in this person's chat, in order, each checked against 1.5. */
  chat(): ChatCard[] {
    const h = this.tenant.h;
    const out: ChatCard[] = [];
    h.calls.forEach((call, i) => {
      if (!h.callsTo(conversationIdOf(this.user)).includes(call)) return;
      const id =
        call.method === 'PUT'
          ? (/\/activities\/([^/?]+)/.exec(call.path)?.[1] ?? '')
          : `m-${i + 1}`;
      for (const card of cardsOf(call.body)) {
        expectValidCard(card);
        out.push({ id, method: call.method, card, text: textOf(card) });
      }
    });
    return out;
  }

  /** Waits for a card in the chat containing `words`; the latest such card. */
  async cardSaying(words: string): Promise<ChatCard> {
    return eventually(() => {
      const found = this.chat()
        .filter((c) => c.text.includes(words))
        .at(-1);
      expect(found, `${this.name} got no card saying "${words}"`).toBeDefined();
      return found as ChatCard;
    });
  }

  /** Plain-text messages the bot said in this person's chat, in order. */
  lines(): string[] {
    const h = this.tenant.h;
    return h
      .callsTo(conversationIdOf(this.user))
      .filter((call) => call.method === 'POST' && typeof call.body.text === 'string')
      .map((call) => String(call.body.text));
  }

  /** Waits for a plain-text message in the chat containing `words`. */
  async hears(words: string): Promise<string> {
    return eventually(() => {
      const found = this.lines().find((line) => line.includes(words));
      expect(found, `${this.name} was never told "${words}"`).toBeDefined();
      return found as string;
    });
  }

  /** The cards that arrived after the first `since` of this chat. */
  chatSince(since: number): ChatCard[] {
    return this.chat().slice(since);
  }

  async says(text: string): Promise<void> {
    expect((await this.tenant.h.post(message(this.user, text))).status).toBe(200);
  }

  /** Sends a message carrying attachments (a pasted picture, a file), as Teams delivers it. */
  async sends(attachments: Record<string, unknown>[], text = ''): Promise<void> {
    const activity = { ...message(this.user, text), attachments };
    expect((await this.tenant.h.post(activity)).status).toBe(200);
  }

  /** Opens a dialog from a button (of the card `on`, when given); returns the dialog's card. */
  // biome-ignore lint/suspicious/noExplicitAny: the dialog's card
  async opensDialog(data: Record<string, unknown>, on?: ChatCard): Promise<any> {
    const res = await this.tenant.h.post(taskFetch(this.user, data, on?.id));
    expect(res.status).toBe(200);
    this.tenant.answered.push(...cardsOf(res.body));
    const card = res.body?.task?.value?.card?.content;
    if (card) expectValidCard(card);
    return card;
  }

  /** Presses a button that would open a dialog, which is refused: the sentence Teams shows. */
  async isRefusedDialog(data: Record<string, unknown>): Promise<string> {
    const res = await this.tenant.h.post(taskFetch(this.user, data));
    expect(res.status).toBe(200);
    expect(res.body?.task?.type, 'a dialog opened').toBe('message');
    return String(res.body.task.value);
  }

  /** Presses an Action.Submit button (it shows something: a new card in the chat). */
  async opens(data: Record<string, unknown>, on?: ChatCard): Promise<void> {
    expect((await this.tenant.h.post(cardSubmit(this.user, data, on?.id))).status).toBe(200);
  }

  /** Submits a dialog; returns the invoke's answer (undefined body = closed, done). */
  // biome-ignore lint/suspicious/noExplicitAny: invoke answers of many shapes
  async submitsDialog(data: Record<string, unknown>): Promise<any> {
    const res = await this.tenant.h.post(taskSubmit(this.user, data));
    expect(res.status).toBe(200);
    this.tenant.answered.push(...cardsOf(res.body));
    return res.body;
  }

  /** Presses an Action.Execute button of `on`; the banner Teams shows at once. */
  async presses(on: ChatCard, verb: string, data: Record<string, unknown>): Promise<string> {
    expect(on.text, `no ${verb} button on the card`).toContain(`"verb":"${verb}"`);
    const res = await this.tenant.h.post(cardAction(this.user, verb, data, on.id));
    expect(res.status).toBe(200);
    this.tenant.answered.push(...cardsOf(res.body));
    return String(res.body?.value ?? '');
  }
}

/** The URL of a card's *Join* button, if it has one. */
export function joinUrlOf(card: ChatCard): string | undefined {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.OpenUrl' && o.title === 'Join' && typeof o.url === 'string')
        found.push(o.url);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card.card);
  return found[0];
}
