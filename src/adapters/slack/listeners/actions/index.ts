import type { SlackContext } from '../../context.js';
import type { DirectMessages } from '../../notifier.js';
import type { SlackRouter } from '../../router.js';
import { registerAnswerRequest } from './answer-request.js';
import { registerDownloadCsv } from './download-csv.js';
import { registerEnrol } from './enrol.js';
import { registerMentoring } from './mentoring.js';
import { registerProfileAndAdmin } from './profile-and-admin.js';
import { registerSessionForms } from './session-forms.js';

export function register(app: SlackRouter, ctx: SlackContext, dms: DirectMessages): void {
  registerEnrol(app, ctx);
  registerSessionForms(app, ctx);
  registerDownloadCsv(dms)(app, ctx);
  registerAnswerRequest(app, ctx);
  registerMentoring(app, ctx);
  registerProfileAndAdmin(app, ctx);
}
