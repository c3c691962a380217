import type { SlackContext } from '../../context.js';
import type { SlackRouter } from '../../router.js';
import { registerProfilesAndSettings } from './profiles-and-settings.js';
import { registerRequestViews } from './requests.js';
import { registerSessionDetails } from './session-details.js';
import { registerSessionLifecycle } from './session-lifecycle.js';
import { registerSessionMeeting } from './session-meeting.js';

export function register(app: SlackRouter, ctx: SlackContext): void {
  registerSessionDetails(app, ctx);
  registerSessionMeeting(app, ctx);
  registerSessionLifecycle(app, ctx);
  registerRequestViews(app, ctx);
  registerProfilesAndSettings(app, ctx);
}
