import { describe, expect, it } from 'vitest';
import { enrolledMessage } from '../../../src/adapters/slack/features/sessions/views.js';
import { renderNotification } from '../../../src/adapters/slack/notifications.js';
import { everyNotification, requestViewOf, sessionView } from '../../fixtures/teams/views.js';

/**
 * Slack reads a message's `text` (the push notification, the screen-reader line) as mrkdwn:
 * `<!channel>` pings everyone, `<https://evil|Verify>` is a link. People write titles and
 * names, so the text is escaped as the blocks are.
 */
describe('the fallback text of Slack messages', () => {
  const hostile = { id: 'slack:T:UEVE', name: 'Eve <!here> & <https://evil.example|Verify>' };

  it('escapes <, > and & in every notification, so a title <!channel> pings nobody', () => {
    const session = sessionView({ title: '<!channel> Free pizza & <@U0BOSS>', mentors: [hostile] });
    const request = requestViewOf({ mentee: hostile, mentor: hostile });
    const notifications = everyNotification('slack:T:UADA', 'slack:T').map((n) => ({
      ...n,
      ...('session' in n ? { session: { ...session, status: n.session.status } } : {}),
      ...('request' in n ? { request: { ...request, kind: n.request.kind } } : {}),
      ...('by' in n ? { by: hostile } : {}),
      ...('mentee' in n ? { mentee: hostile } : {}),
    }));
    for (const n of notifications) {
      const { text } = renderNotification(n as typeof n);
      expect(text, n.kind).not.toMatch(/[<>]/);
      expect(text, n.kind).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    const invited = renderNotification(notifications[0] as (typeof notifications)[0]).text;
    expect(invited).toContain('&lt;!here&gt; &amp; &lt;https://evil.example|Verify&gt;');
  });

  it('escapes the answers shown after a button too', () => {
    const { text } = enrolledMessage(sessionView({ title: '<!channel>' }));
    expect(text).toContain('&lt;!channel&gt;');
  });
});
