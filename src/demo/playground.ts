import { DEMO_PEOPLE, DEMO_TENANT, type DemoPerson } from './people.js';

/**
 * The Microsoft 365 Agents Playground's own configuration file (schema 0.1.1) making the
 * playground act as one demo person: `currentUser` is that person, `users` the rest of the
 * demo workspace, `tenantId` the demo tenant. The playground sends these as `from` and
 * `conversation.tenantId`, so the Teams adapter takes the typist for that demo person.
 */
export function playgroundConfig(person: DemoPerson): string {
  const user = (p: DemoPerson, indent: string) => {
    const [given = '', ...rest] = p.identity.displayName.split(' ');
    return [
      `id: demo-${p.handle}`,
      `name: ${p.identity.displayName}`,
      `userPrincipleName: ${p.identity.email}`,
      `aadObjectId: ${p.identity.userId}`,
      `givenName: ${given}`,
      `surname: ${rest.join(' ') || given}`,
      `email: ${p.identity.email}`,
    ]
      .map((line, i) => (i === 0 ? `${indent}- ${line}` : `${indent}  ${line}`))
      .join('\n');
  };
  const current = user(person, '').replace(/^- /, '');
  // The playground's schema allows five other users: the admin and mentors come first.
  const others = DEMO_PEOPLE.filter((p) => p !== person)
    .slice(0, 5)
    .map((p) => user(p, '  '));
  return `# Microsoft 365 Agents Playground, acting as ${person.identity.displayName} (${person.handle}).
# Written by \`npm run playground\` from src/demo/people.ts.
version: "0.1.1"
tenantId: ${DEMO_TENANT}
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: mentorbot
currentUser:
  ${current}
users:
${others.join('\n')}
personalChat:
  id: demo-personal-chat-${person.handle}
groupChat:
  id: demo-group-chat
  name: Mentoring circle
team:
  id: demo-team
  name: Contoso
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: demo-channel-general
      name: General
`;
}
