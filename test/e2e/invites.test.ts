// Who may join, on a real server process in invite mode, through the CLI and the client core:
// the setup code the server printed makes the first server admin (once), invites are made,
// listed, used, used up and revoked from the command line, a member is refused on admin
// commands, and a dump of the database holds no usable invite or setup code.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MemorySecretStore, ServerError, TeamChatClient } from '../../client';
import { inviteFromParts } from '../../client/admin/invite-link';
import type { CreateInviteAnswer, InviteListAnswer } from '../../common/api';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { uniqueName } from '../server/support/api';
import { BACKENDS, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { runTeamchat } from './support/cli-run';
import { findSecrets } from './support/secret-scan';

const PASSPHRASE = 'a long enough passphrase for tests';
const SETUP_LINE = /^Setup code \(one use, until \S+\): (setup-[A-Za-z0-9_-]{32})$/m;

for (const backend of BACKENDS) {
  describe(`who may join on ${backend} (e2e: server process, CLI)`, function () {
    this.timeout(240_000);
    let world: ServerWorld | undefined;
    const profiles: TempDataDir[] = [];
    const clients: TeamChatClient[] = [];
    const as = (profile: TempDataDir) => (...argv: string[]) =>
      runTeamchat(['--server', world!.url, '--profile', profile.dir, ...argv], { TEAMCHAT_PASSPHRASE: PASSPHRASE });
    const person = () => {
      const profile = createTempDataDir('cli');
      profiles.push(profile);
      return { name: uniqueName('p'), run: as(profile) };
    };

    before(async () => { world = await ServerWorld.start(backend, { TEAMCHAT_REGISTRATION: 'invite' }); });
    after(async () => {
      await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
      await world?.close();
      for (const p of profiles) p.remove();
    });

    it('setup code, invites from the CLI (create, use, use up, list, revoke), admin refusals, and a dump with no usable code', async () => {
      const printed = world!.output();
      assert.match(printed, /^Registration: invite \(/m);
      const setupCode = SETUP_LINE.exec(printed)?.[1];
      assert.ok(setupCode, `the server printed a setup code:\n${printed}`);

      const root = person();
      const stranger = person();
      const refused = await stranger.run('register', stranger.name);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /invite only/);
      const madeAdmin = await root.run('--json', 'register', root.name, '--setup-code', setupCode);
      assert.equal(madeAdmin.code, 0, madeAdmin.stderr);
      assert.equal(JSON.parse(madeAdmin.stdout).serverAdmin, true);
      const secondUse = await stranger.run('register', stranger.name, '--setup-code', setupCode);
      assert.equal(secondUse.code, 2, secondUse.stderr);
      assert.match(secondUse.stderr, /setup code is wrong, expired or used/);

      const created = await root.run('--json', 'admin', 'invite', 'create', '--uses', '2', '--expires', '1d');
      assert.equal(created.code, 0, created.stderr);
      const invite = JSON.parse(created.stdout) as CreateInviteAnswer & { link: string };
      const link = new URL(invite.link);
      assert.equal(link.protocol, 'vscode:');
      assert.deepEqual(inviteFromParts({ authority: link.host, path: link.pathname, query: link.search.slice(1) }), { server: world!.url, code: invite.code });
      const human = await root.run('admin', 'invite', 'create');
      assert.match(human.stdout, /^Code: [A-Za-z0-9_-]{32}$/m);
      assert.match(human.stdout, /^Link: vscode:\/\/teamchat\.teamchat\/invite\?server=/m);
      const erin = person();
      const byLink = await erin.run('register', erin.name, '--invite', /^Link: (\S+)$/m.exec(human.stdout)![1]!);
      assert.equal(byLink.code, 0, `register takes the whole link too: ${byLink.stderr}`);
      const badLink = await stranger.run('register', stranger.name, '--invite', 'vscode://teamchat.teamchat/invite?code=x');
      assert.equal(badLink.code, 2, badLink.stderr);
      assert.match(badLink.stderr, /not a TeamChat invite link/);

      const bob = person();
      const joined = await bob.run('register', bob.name, '--invite', invite.code);
      assert.equal(joined.code, 0, joined.stderr);
      const carol = uniqueName('carol');
      clients.push(await TeamChatClient.signUp(world!.url, carol, PASSPHRASE, new MemorySecretStore(), { ...TEST_CLIENT_OPTIONS, admission: { inviteCode: invite.code } }));
      await assert.rejects(
        TeamChatClient.signUp(world!.url, uniqueName('late'), PASSPHRASE, new MemorySecretStore(), { admission: { inviteCode: invite.code } }),
        (error: unknown) => error instanceof ServerError && error.code === 'invalid_invite' && /used up/.test(error.message),
      );
      const listed = await root.run('--json', 'admin', 'invite', 'list');
      assert.equal(listed.code, 0, listed.stderr);
      const row = (JSON.parse(listed.stdout) as InviteListAnswer).invites.find((i) => i.id === invite.invite.id);
      assert.deepEqual([row?.uses, row?.maxUses, row?.usedBy.map((u) => u.username).sort()], [2, 2, [bob.name, carol].sort()]);
      const humanList = await root.run('admin', 'invite', 'list');
      assert.match(humanList.stdout, new RegExp(`^${invite.invite.id}  used up  2/2 used`, 'm'));

      const notAdmin = await bob.run('admin', 'invite', 'create');
      assert.equal(notAdmin.code, 5, notAdmin.stderr);
      assert.match(notAdmin.stderr, /server admin/);

      const dave = person();
      const forDave = JSON.parse((await root.run('--json', 'admin', 'invite', 'create', '--for', dave.name)).stdout) as CreateInviteAnswer;
      assert.equal(forDave.invite.username, dave.name);
      const wrongName = await stranger.run('register', stranger.name, '--invite', forDave.code);
      assert.equal(wrongName.code, 2, wrongName.stderr);
      assert.match(wrongName.stderr, /another username/);
      const revoked = await root.run('admin', 'invite', 'revoke', forDave.invite.id);
      assert.equal(revoked.code, 0, revoked.stderr);
      const afterRevoke = await dave.run('register', dave.name, '--invite', forDave.code);
      assert.equal(afterRevoke.code, 2, afterRevoke.stderr);
      assert.match(afterRevoke.stderr, /revoked/);

      assert.equal((await root.run('admin', 'grant', bob.name)).code, 0);
      assert.equal((await bob.run('admin', 'invite', 'list')).code, 0, 'a new server admin lists invites');
      assert.equal((await root.run('admin', 'revoke', bob.name)).code, 0);
      const last = await root.run('admin', 'revoke', root.name);
      assert.equal(last.code, 5, last.stderr);
      assert.match(last.stderr, /last server admin/);

      const codes = [setupCode, invite.code, forDave.code, /^Code: (\S+)$/m.exec(human.stdout)![1]!];
      const dump = await world!.dump();
      assert.match(dump.rows, /^invites /m, 'the dump has the invites');
      assert.deepEqual(findSecrets(dump, codes.map((text, i) => ({ label: `code ${i}`, text }))), [], 'no invite or setup code is in the database');
      const hash = createHash('sha256').update(invite.code).digest('hex');
      assert.deepEqual(findSecrets(dump, [{ label: 'hash', text: hash }]), ['hash'], 'the scan sees what is stored: the hash, which registers no one');

      await world!.stopServer();
      await world!.startServer();
      assert.doesNotMatch(world!.output(), /Setup code/, 'with a server admin, no new setup code is made');
    });
  });
}
