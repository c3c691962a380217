import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { runInteractive } from '../notify/deferring.js';

type Listener<A> = (args: A & AllMiddlewareArgs) => Promise<unknown>;

type CommandArgs = SlackCommandMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction>;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction>;
type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'>;

/**
 * Our listeners, keyed by command, `action_id` and `callback_id`, behind one Bolt listener
 * per kind. Bolt runs every registered listener's middleware chain for every request; with
 * forty listeners that was half the cost of an ack, while a map lookup costs nothing. Each
 * listener runs "interactive" (notify/deferring.ts), so notifications its use case sends are
 * delivered after Slack has its answer.
 */
export class SlackRouter {
  private readonly commands = new Map<string, Listener<CommandArgs>>();
  private readonly actions = new Map<string, Listener<ActionArgs>>();
  private readonly views = new Map<string, Listener<ViewArgs>>();
  private readonly suggestions = new Map<string, Listener<OptionsArgs>>();
  private readonly events: Array<(app: App) => void> = [];

  command(name: string, listener: Listener<CommandArgs>): void {
    add(this.commands, name, listener);
  }

  action(actionId: string, listener: Listener<ActionArgs>): void {
    add(this.actions, actionId, listener);
  }

  view(callbackId: string, listener: Listener<ViewArgs>): void {
    add(this.views, callbackId, listener);
  }

  options(actionId: string, listener: Listener<OptionsArgs>): void {
    add(this.suggestions, actionId, listener);
  }

  event<E extends 'app_home_opened'>(
    name: E,
    listener: Listener<SlackEventMiddlewareArgs<E>>,
  ): void {
    this.events.push((app) =>
      app.event(name, async (args) => {
        await runInteractive(() => listener(args));
      }),
    );
  }

  /** Registers the few Bolt listeners that dispatch to ours. */
  mount(app: App): void {
    const commands = this.commands;
    const actions = this.actions;
    const views = this.views;
    const suggestions = this.suggestions;
    if (commands.size > 0)
      app.command(anyOf(commands), async (args) => {
        await dispatch(commands.get(args.command.command), args);
      });
    if (actions.size > 0)
      app.action<BlockAction>(
        { type: 'block_actions', action_id: anyOf(actions) },
        async (args) => {
          await dispatch(actions.get(args.action.action_id), args);
        },
      );
    if (views.size > 0)
      app.view<ViewSubmitAction>(
        { type: 'view_submission', callback_id: anyOf(views) },
        async (args) => {
          await dispatch(views.get(args.view.callback_id), args);
        },
      );
    if (suggestions.size > 0)
      app.options<'block_suggestion'>(
        { type: 'block_suggestion', action_id: anyOf(suggestions) },
        async (args) => {
          await dispatch(suggestions.get(args.body.action_id), args);
        },
      );
    for (const register of this.events) register(app);
  }
}

function add<L>(map: Map<string, L>, key: string, listener: L): void {
  if (map.has(key)) throw new Error(`slack: two listeners for ${key}`);
  map.set(key, listener);
}

async function dispatch<A>(listener: Listener<A> | undefined, args: A & AllMiddlewareArgs) {
  if (listener) await runInteractive(() => listener(args));
}

const anyOf = (map: Map<string, unknown>) =>
  new RegExp(
    `^(?:${[...map.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
  );
