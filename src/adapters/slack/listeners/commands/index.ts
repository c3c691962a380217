import type { SlackContext } from '../../context.js';
import type { SlackRouter } from '../../router.js';
import { registerMentorbot } from './mentorbot.js';
import { registerRequestSession } from './request-session.js';
import { registerSearchCommands } from './search.js';
import { registerSessionCommands } from './sessions.js';

export function register(app: SlackRouter, ctx: SlackContext): void {
  registerRequestSession(app, ctx);
  registerSessionCommands(app, ctx);
  registerSearchCommands(app, ctx);
  registerMentorbot(app, ctx);
}
