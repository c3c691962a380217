import type { HttpServer } from '../server.js';

/**
 * The short public pages the Teams app manifest names (website, privacy, terms): Teams
 * shows them to people who look at the app before installing it, so they must exist.
 */

const page = (title: string, paragraphs: readonly string[]) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · mentorbot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p><a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms of use</a></p>
</body>
</html>
`;

export const PAGES: Readonly<Record<string, string>> = {
  '/about': page('mentorbot', [
    'mentorbot brings mentorship into Slack and Microsoft Teams. Mentors publish sessions, mentees enrol or ask for one, mentors reach out to mentees looking for a mentor, and everybody is reminded and told when a session goes live, without leaving the chat tool they work in.',
    'Type <code>help</code> to the bot in Teams, or <code>/mentorbot help</code> in Slack, to see what it can do.',
  ]),
  '/privacy': page('Privacy', [
    'mentorbot stores what it needs to run mentorship in your workspace: your name, e-mail address and time zone as your chat platform gives them, your roles, the profile you write, the sessions you take part in and the requests you send or receive.',
    'This data is kept in the database of the organisation that runs this mentorbot service, is used only to show you sessions, requests and reminders, and is not shared with anyone else. Ask your workspace administrator to have it exported or removed.',
  ]),
  '/terms': page('Terms of use', [
    'mentorbot is provided by the organisation that runs this service, for mentorship inside your workspace, as it is and without warranty.',
    'Use it in line with your organisation’s rules for Slack and Microsoft Teams. Meeting links (BigBlueButton, Google Meet, WhatsApp, Zoom) lead to services with terms of their own.',
  ]),
};

export function mountPages(server: HttpServer): void {
  for (const [path, html] of Object.entries(PAGES)) {
    server.mount(path, (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    });
  }
}
