import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/core/errors.js';
import { identify, installWorkspace } from '../../../src/core/workspaces/install.js';
import {
  getWorkspaceSettings,
  grantRole,
  revokeRole,
  updateWorkspaceSettings,
} from '../../../src/core/workspaces/settings.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspaces/workspace.js';
import {
  actorOf,
  type CoreHarness,
  createPerson,
  createWorkspace,
  useCore,
} from '../../helpers/core.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await useCore();
});
afterAll(() => h.close());

const identity = (tenantId: string, userId: string) => ({
  platform: 'slack' as const,
  tenantId,
  userId,
  displayName: `Person ${userId}`,
  timeZone: 'Asia/Kolkata',
});

describe('installation (docs/product.md#installation)', () => {
  it('makes the first installer the admin; a later install changes nothing', async () => {
    const first = await installWorkspace(h.deps, {
      installer: identity('TINSTALL1', 'UFIRST'),
      workspaceName: 'Acme',
    });
    expect(first.ok && first.value.created).toBe(true);
    expect(first.ok && first.value.installer.roles).toContain('admin');

    const second = await installWorkspace(h.deps, {
      installer: identity('TINSTALL1', 'USECOND'),
      workspaceName: 'Acme again',
    });
    expect(second.ok && second.value.created).toBe(false);
    expect(second.ok && second.value.installer.roles).not.toContain('admin');
    expect(second.ok && second.value.workspace.installedBy).toBe('slack:TINSTALL1:UFIRST');
    expect(second.ok && second.value.workspace.name).toBe('Acme');
  });

  it('identify creates a person on first sight and refreshes their name and zone', async () => {
    const created = await identify(h.deps, { ...identity('TIDENT', 'U1'), timeZone: 'Not/AZone' });
    expect(created.ok && created.value.timeZone).toBe('UTC');
    expect(created.ok && created.value.roles).toEqual([]);
    const refreshed = await identify(h.deps, {
      ...identity('TIDENT', 'U1'),
      displayName: 'Renamed',
      timeZone: 'America/New_York',
    });
    expect(refreshed.ok && refreshed.value).toMatchObject({
      id: 'slack:TIDENT:U1',
      displayName: 'Renamed',
      timeZone: 'America/New_York',
    });
  });

  it('keeps a person zone when the platform tells none, and a fallback zone only starts one', async () => {
    const { timeZone: _none, ...noZone } = identity('TZONE', 'U1');
    const first = await identify(h.deps, { ...noZone, fallbackTimeZone: 'America/Lima' });
    expect(first.ok && first.value.timeZone).toBe('America/Lima');
    const later = await identify(h.deps, { ...noZone, fallbackTimeZone: 'UTC' });
    expect(later.ok && later.value.timeZone).toBe('America/Lima');
    const unknown = await identify(h.deps, { ...noZone, timeZone: 'Not/AZone' });
    expect(unknown.ok && unknown.value.timeZone).toBe('America/Lima');
    const told = await identify(h.deps, { ...noZone, timeZone: 'Europe/Paris' });
    expect(told.ok && told.value.timeZone).toBe('Europe/Paris');
    const { timeZone: _also, ...nobody } = identity('TZONE', 'U2');
    const fresh = await identify(h.deps, nobody);
    expect(fresh.ok && fresh.value.timeZone).toBe('UTC');
  });
});

describe('workspace settings (docs/product.md#workspace-settings)', () => {
  const valid = {
    ...DEFAULT_CONFIG,
    menteeRequests: false,
    reminderOffsetsMinutes: [15, 1440, 15],
    vocabularies: {
      recommendedFor: ['Juniors', 'juniors'],
      categories: ['Data'],
      medium: ['German'],
    },
  };

  it('only admins read or change them', async () => {
    const workspace = await createWorkspace(h);
    const member = await createPerson(h, workspace, { roles: ['mentor', 'sessionManager'] });
    const read = await getWorkspaceSettings(h.deps, { actor: actorOf(member) });
    expect(read.ok || read.error.code).toBe(ErrorCode.Forbidden);
    const write = await updateWorkspaceSettings(h.deps, { actor: actorOf(member), input: valid });
    expect(write.ok || write.error.code).toBe(ErrorCode.Forbidden);
    expect((await h.deps.workspaces.get(workspace.id))?.config.menteeRequests).toBe(true);
  });

  it('an admin saves them, normalised', async () => {
    const workspace = await createWorkspace(h);
    const admin = await createPerson(h, workspace, { roles: ['admin'] });
    const saved = await updateWorkspaceSettings(h.deps, { actor: actorOf(admin), input: valid });
    expect(saved.ok).toBe(true);
    const stored = await h.deps.workspaces.get(workspace.id);
    expect(stored?.config.menteeRequests).toBe(false);
    expect(stored?.config.reminderOffsetsMinutes).toEqual([1440, 15]);
    expect(stored?.config.vocabularies.recommendedFor).toEqual(['juniors']);
    const read = await getWorkspaceSettings(h.deps, { actor: actorOf(admin) });
    expect(read.ok && read.value.config.vocabularies.categories).toEqual(['Data']);
  });

  it('a bad field is named and nothing changes', async () => {
    const workspace = await createWorkspace(h);
    const admin = await createPerson(h, workspace, { roles: ['admin'] });
    const result = await updateWorkspaceSettings(h.deps, {
      actor: actorOf(admin),
      input: { ...valid, menteeRequests: true, minSessionMinutes: 2, defaultSeatLimit: 0 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.Validation);
    expect(result.error.fields.minSessionMinutes).toMatch(/at least 5 minutes/);
    expect(result.error.fields.defaultSeatLimit).toMatch(/at least 1/);
    expect((await h.deps.workspaces.get(workspace.id))?.config).toEqual(DEFAULT_CONFIG);
  });
});

describe('roles (docs/product.md#roles)', () => {
  it('admins grant and remove roles; others cannot', async () => {
    const workspace = await createWorkspace(h);
    const admin = await createPerson(h, workspace, { roles: ['admin'] });
    const person = await createPerson(h, workspace);
    const stranger = await createPerson(h, workspace, { roles: ['mentor'] });

    const denied = await grantRole(h.deps, {
      actor: actorOf(stranger),
      input: { personId: person.id, role: 'mentor' },
    });
    expect(denied.ok || denied.error.code).toBe(ErrorCode.Forbidden);
    expect((await h.deps.people.get(person.id))?.roles).toEqual([]);

    const granted = await grantRole(h.deps, {
      actor: actorOf(admin),
      input: { personId: person.id, role: 'sessionManager' },
    });
    expect(granted.ok && granted.value.roles).toEqual(['sessionManager']);
    const removed = await revokeRole(h.deps, {
      actor: actorOf(admin),
      input: { personId: person.id, role: 'sessionManager' },
    });
    expect(removed.ok && removed.value.roles).toEqual([]);
  });

  it('a person of another workspace cannot be changed', async () => {
    const workspace = await createWorkspace(h);
    const admin = await createPerson(h, workspace, { roles: ['admin'] });
    const elsewhere = await createPerson(h, await createWorkspace(h));
    const result = await grantRole(h.deps, {
      actor: actorOf(admin),
      input: { personId: elsewhere.id, role: 'admin' },
    });
    expect(result.ok || result.error.code).toBe(ErrorCode.NotFound);
    expect((await h.deps.people.get(elsewhere.id))?.roles).toEqual([]);
  });
});
