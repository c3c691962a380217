import { afterAll, describe, expect, it } from 'vitest';
import { teamsUser } from '../fixtures/teams/activities.js';
import { eventually, type TeamsPerson, TeamsTenant, textOf } from './support/teams.js';

/**
 * Issue 10 point 15 on Teams. A tenant-wide install reaches everyone at once, so whoever
 * happens to arrive first must not become admin when the operator named the admins
 * (TEAMS_ADMIN_AAD_IDS); without that setting the first installer is admin, is told so, and
 * hands it over. Admins grant and remove mentor, session manager and admin, as on Slack.
 */

/** The help card's buttons and commands, as the person sees them. */
async function helpOf(person: TeamsPerson): Promise<string> {
  const before = person.chat().length;
  await person.says('help');
  return eventually(() => {
    const card = person.chatSince(before).find((c) => c.text.includes('Type one of these'));
    expect(card).toBeDefined();
    return card?.text ?? '';
  });
}

const dialogText = (answer: unknown) => textOf(answer);

describe('Teams: admins named by TEAMS_ADMIN_AAD_IDS', () => {
  let tenant: TeamsTenant;
  afterAll(() => tenant?.stop());

  it('the first to arrive is not made admin; the named admin grants and removes roles', async () => {
    const carolUser = teamsUser('Carol Admin', 'tenant-named-admins', 'Europe/London');
    tenant = await TeamsTenant.start('tenant-named-admins', {
      TEAMS_ADMIN_AAD_IDS: carolUser.aadObjectId,
    });
    // Alice happens to be reached first by the tenant-wide install.
    const alice = await tenant.joins('Alice Early', 'America/New_York');
    const welcome = await alice.cardSaying('I bring mentorship into Teams');
    expect(welcome.text).not.toContain('Manage roles');
    expect(alice.chat().some((c) => c.text.includes('You are the mentorbot admin'))).toBe(false);
    expect(await helpOf(alice)).not.toContain('settings.roles');
    await alice.says('settings');
    await alice.hears('Only mentorbot admins can change workspace settings.');
    expect(await alice.opensDialog({ verb: 'settings.roles' })).toBeUndefined();

    const carol = await tenant.joins('Carol Admin', 'Europe/London', carolUser);
    const bob = await tenant.joins('Bob Later', 'Asia/Kolkata');
    const carolHelp = await helpOf(carol);
    expect(carolHelp).toContain('"title":"Manage roles"');
    expect(carolHelp).toContain('"title":"settings"');
    await carol.says('profile');
    expect((await carol.cardSaying('Profile of Carol Admin')).text).toContain(
      '"title":"Manage roles"',
    );

    // Carol's roles dialog lists everyone with the roles they hold.
    const form = textOf(await carol.opensDialog({ verb: 'settings.roles' }));
    expect(form).toContain('Alice Early (Mentee)');
    expect(form).toContain('Carol Admin (Admin)');
    expect(form).toContain('"value":"sessionManager"');

    // Alice becomes a mentor: her help now offers creating sessions and finding mentees.
    expect(
      await carol.submitsDialog({
        verb: 'settings.roles',
        personId: alice.id,
        role: 'mentor',
        change: 'grant',
      }),
    ).toBeUndefined();
    await carol.cardSaying('Alice Early is now a mentor. Roles now: Mentor.');
    const aliceHelp = await helpOf(alice);
    expect(aliceHelp).toContain('"title":"Create session"');
    expect(aliceHelp).toContain('"title":"find mentees"');

    // Bob becomes a session manager, then an admin; as admin he removes Alice's mentor role.
    await carol.submitsDialog({
      verb: 'settings.roles',
      personId: bob.id,
      role: 'sessionManager',
      change: 'grant',
    });
    await carol.cardSaying('Bob Later is now a session manager.');
    expect(await helpOf(bob)).toContain('"title":"Create session"');
    await carol.submitsDialog({
      verb: 'settings.roles',
      personId: bob.id,
      role: 'admin',
      change: 'grant',
    });
    await carol.cardSaying('Bob Later is now an admin. Roles now: Session manager, Admin.');
    expect(await helpOf(bob)).toContain('"title":"Manage roles"');
    await bob.submitsDialog({
      verb: 'settings.roles',
      personId: alice.id,
      role: 'mentor',
      change: 'revoke',
    });
    await bob.cardSaying('Alice Early is no longer a mentor. Roles now: Mentee.');
    expect(await helpOf(alice)).not.toContain('"title":"Create session"');

    // Nobody removes their own admin role; the dialog says why and keeps what was chosen.
    const refused = dialogText(
      await carol.submitsDialog({
        verb: 'settings.roles',
        personId: carol.id,
        role: 'admin',
        change: 'revoke',
      }),
    );
    expect(refused).toContain('You cannot remove your own admin role; ask another admin.');
    expect(refused).toContain('"title":"Apply"');
  }, 120_000);
});

describe('Teams: without TEAMS_ADMIN_AAD_IDS the first installer is admin', () => {
  let tenant: TeamsTenant;
  afterAll(() => tenant?.stop());

  it('is told so and how to hand it over, and hands it over', async () => {
    tenant = await TeamsTenant.start('tenant-first-installer');
    const dana = await tenant.joins('Dana First', 'America/Los_Angeles');
    const told = await dana.cardSaying('You are the mentorbot admin');
    expect(told.text).toContain('grant Admin to someone else; they can then remove yours');
    expect(told.text).toContain('"verb":"settings.roles"');
    const eve = await tenant.joins('Eve Second', 'Europe/London');
    await eve.cardSaying('I bring mentorship into Teams');
    expect(eve.chat().some((c) => c.text.includes('You are the mentorbot admin'))).toBe(false);
    expect(await helpOf(eve)).not.toContain('"title":"Manage roles"');

    await dana.submitsDialog({
      verb: 'settings.roles',
      personId: eve.id,
      role: 'admin',
      change: 'grant',
    });
    await dana.cardSaying('Eve Second is now an admin.');
    await eve.submitsDialog({
      verb: 'settings.roles',
      personId: dana.id,
      role: 'admin',
      change: 'revoke',
    });
    await eve.cardSaying('Dana First is no longer an admin. Roles now: Mentee.');
    expect(await helpOf(dana)).not.toContain('"title":"Manage roles"');
    const refused = await dana.submitsDialog({ verb: 'settings.roles' });
    expect(dialogText(refused)).toContain('Only mentorbot admins can grant or remove roles.');
  }, 120_000);
});
