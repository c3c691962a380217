import type { IdentityInput } from '../core/workspaces/install.js';

/**
 * The demo workspace's people: one Microsoft Teams tenant, so that the Microsoft 365 Agents
 * Playground (which speaks Teams) can act as any of them. The tenant and object ids are the
 * ones written into the playground's configuration (`playground/*.yml`); the playground
 * sends them as `conversation.tenantId` and `from.aadObjectId`, which is how the Teams
 * adapter knows who is typing.
 */

export const DEMO_TENANT = '00000000-0000-0000-0000-0000000000001';
export const DEMO_WORKSPACE_NAME = 'Contoso (demo)';

export interface DemoPerson {
  /** A short handle for scripts, tests and the playground's configuration files. */
  readonly handle: string;
  readonly identity: IdentityInput & { readonly email: string; readonly timeZone: string };
}

const person = (
  handle: string,
  objectId: string,
  displayName: string,
  email: string,
  timeZone: string,
): DemoPerson => ({
  handle,
  identity: {
    platform: 'teams',
    tenantId: DEMO_TENANT,
    userId: `00000000-0000-0000-0000-${objectId}`,
    displayName,
    email,
    timeZone,
  },
});

export const ADMIN = person('admin', '0000000000a1', 'Alex Wilber', 'alexw@contoso.example', 'UTC');

export const MENTORS = {
  james: person(
    'james',
    '0000000000b1',
    'James Carter',
    'jamesc@contoso.example',
    'America/New_York',
  ),
  olivia: person(
    'olivia',
    '0000000000b2',
    'Olivia Bennett',
    'oliviab@contoso.example',
    'Europe/London',
  ),
  priya: person('priya', '0000000000b3', 'Priya Raman', 'priyar@contoso.example', 'Asia/Kolkata'),
} as const;

export const MENTEES = {
  megan: person('megan', '0000000000c1', 'Megan Bowen', 'meganb@contoso.example', 'Europe/Berlin'),
  diego: person(
    'diego',
    '0000000000c2',
    'Diego Siciliani',
    'diegos@contoso.example',
    'America/Chicago',
  ),
  lee: person('lee', '0000000000c3', 'Lee Gu', 'leeg@contoso.example', 'Asia/Singapore'),
  isaiah: person(
    'isaiah',
    '0000000000c4',
    'Isaiah Langer',
    'isaiahl@contoso.example',
    'America/Los_Angeles',
  ),
  nestor: person('nestor', '0000000000c5', 'Nestor Wilke', 'nestorw@contoso.example', 'UTC'),
} as const;

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  ADMIN,
  ...Object.values(MENTORS),
  ...Object.values(MENTEES),
];
