// Renaming a group and setting its topic end to end: real clients and the real CLI against a
// real server process. The other member sees both live, from the verified log.
import assert from 'node:assert/strict';
import {
  GroupNameTakenError, InvalidGroupTextError, isServerError, NotAllowedByLogError, type TeamChatClient, type Group,
} from '../../client';
import { EXIT } from '../../client/cli/exit-codes';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { BACKENDS, ServerWorld } from './support/chat-world';
import { aliceAndBobIn } from './support/two-members';
import { runTeamchat } from './support/cli-run';

const PASSPHRASES = { alice: 'alice: rename and topic passphrase', bob: 'bob: rename and topic passphrase', carol: 'carol: a long CLI passphrase' };

/** Resolves with the group once `client` shows it as `check` wants it (live, from the events it receives). */
function groupBecomes(client: TeamChatClient, groupId: string, check: (g: Group) => boolean): Promise<Group> {
  const now = client.groups().find((g) => g.id === groupId);
  if (now && check(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = client.on('groups-changed', (groups) => {
      const found = groups.find((g) => g.id === groupId);
      if (found && check(found)) {
        off();
        resolve(found);
      }
    });
  });
}

const cli = runTeamchat;

for (const backend of BACKENDS) {
  describe(`group rename and topic on the ${backend} database`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let group: Group;
    let profile: TempDataDir;

    before(async () => {
      world = await ServerWorld.start(backend);
      ({ alice, bob, group } = await aliceAndBobIn(world, 'ops', PASSPHRASES));
      profile = createTempDataDir('rename-cli');
    });

    after(async () => {
      await Promise.all([alice, bob].map((client) => client?.disconnect()));
      await world?.close();
      profile?.remove();
    });

    it('an admin renames the group and sets its topic; the other member sees both live, verified, and in the history', async () => {
      const bobSeesName = groupBecomes(bob, group.id, (g) => g.name === 'ops team');
      await alice.renameGroup(group.id, '  ops team ');
      assert.equal((await alice.group(group.id)).name, 'ops team', 'the renaming client sees it at once');
      await bobSeesName;
      const bobSeesTopic = groupBecomes(bob, group.id, (g) => g.topic === 'On call: alice 🚒');
      await alice.setTopic(group.id, 'On call: alice 🚒');
      const seen = await bobSeesTopic;
      assert.equal(seen.verification.state, 'verified');
      assert.equal(seen.name, 'ops team');
      const history = await bob.groupHistory(group.id);
      assert.deepEqual(history.entries.slice(-2).map((e) => [e.type, e.signer, e.name ?? e.topic]), [['rename', 'alice', 'ops team'], ['topic', 'alice', 'On call: alice 🚒']]);
    });

    it('a member who is not admin can do neither: the log refuses it in the client, the server with 403', async () => {
      await assert.rejects(bob.renameGroup(group.id, 'bobs'), (e: unknown) => e instanceof NotAllowedByLogError && /only an admin/i.test(e.message));
      await assert.rejects(bob.setTopic(group.id, 'bobs'), NotAllowedByLogError);
      await assert.rejects(bob.api.setTopic(group.id, { topic: 'bobs' }), (e: unknown) => isServerError(e, 'not_admin') && e.status === 403);
      assert.equal((await bob.refreshGroup(group.id))?.topic, 'On call: alice 🚒');
    });

    it('refuses a topic with control or bidi characters before signing, and a name the admin has another group of unless asked', async () => {
      for (const topic of ['two\nlines', 'clear \u001b[2J', 'abc\u202egpj.exe', 'x'.repeat(251)]) {
        await assert.rejects(alice.setTopic(group.id, topic), InvalidGroupTextError);
      }
      await alice.createGroup('release');
      await assert.rejects(alice.renameGroup(group.id, 'Release'), (e: unknown) => e instanceof GroupNameTakenError && e.groupName === 'Release');
      assert.equal((await alice.refreshGroup(group.id))?.name, 'ops team');
      await alice.renameGroup(group.id, 'Release', { allowSameName: true });
      assert.equal((await alice.group(group.id)).name, 'Release');
    });

    it('clearing the topic: the other member sees none', async () => {
      const bobSees = groupBecomes(bob, group.id, (g) => g.topic === '');
      await alice.setTopic(group.id, '');
      assert.equal((await bobSees).verification.state, 'verified');
    });

    it('the CLI shows the topic, sets and clears it as an admin, and refuses a member and a control character with their exit codes', async () => {
      const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_PASSPHRASE: PASSPHRASES.carol, TEAMCHAT_SERVER: world.url };
      assert.equal((await cli(['register', 'carol'], env)).code, 0);
      await alice.addMember(group.id, 'carol');
      await alice.setTopic(group.id, 'Deploys on Tuesday');
      const shown = await cli(['topic', group.id], env);
      assert.equal(shown.code, 0, shown.stderr);
      assert.equal(shown.stdout, '"Release": Deploys on Tuesday\n');
      const refused = await cli(['rename', group.id, 'carols'], env);
      assert.equal(refused.code, EXIT.refused, refused.stderr);
      assert.match(refused.stderr, /only an admin/i);
      await alice.promote(group.id, 'carol');
      const bad = await cli(['topic', group.id, 'bell\u0007'], env);
      assert.equal(bad.code, EXIT.usage, bad.stderr);
      assert.ok(!bad.stderr.includes('\u0007'));
      const set = await cli(['topic', group.id, 'Freeze', 'from', 'Friday', '--json'], env);
      assert.equal(set.code, 0, set.stderr);
      assert.deepEqual(JSON.parse(set.stdout), { groupId: group.id, topic: 'Freeze from Friday' });
      const renamed = await cli(['rename', group.id, 'ops'], env);
      assert.equal(renamed.code, 0, renamed.stderr);
      assert.equal(renamed.stdout, 'Renamed "Release" to "ops".\n');
      assert.equal((await cli(['topic', group.id, '--clear'], env)).code, 0);
      const seen = await groupBecomes(bob, group.id, (g) => g.name === 'ops' && g.topic === '');
      assert.equal(seen.verification.state, 'verified');
    });
  });
}
