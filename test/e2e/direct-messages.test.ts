// Direct messages end to end: real clients and the real CLI against a real server process.
// alice messages bob; bob sees it as a DM with alice, verified; asking again, either way round,
// gives the same one; a leave ends it. Then the operator's attacks, by SQL on the database: a
// third membership row, a DM shown as a group and a group shown as a DM. The honest clients
// mark the conversation disputed, seal nothing to the intruder, and the intruder reads nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  DirectMessageEndedError, DirectMessageWithYourselfError, GroupVerificationError, MemorySecretStore, NoSuchUsersError, TeamChatClient, type Group,
} from '../../client';
import { EXIT } from '../../client/cli/exit-codes';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { BACKENDS, groupAppears, Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { runTeamchat } from './support/cli-run';

const PASS = { alice: 'alice: a direct message passphrase', bob: 'bob: a direct message passphrase', carol: 'carol: a direct message passphrase' };

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

for (const backend of BACKENDS) {
  describe(`direct messages on the ${backend} database (e2e)`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let carol: TeamChatClient;
    let dm: Group;
    let profile: TempDataDir;

    const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
      const db = new pg.Client({ connectionString: world.databaseUrl });
      await db.connect();
      try {
        return (await db.query<T>(text, values)).rows;
      } finally {
        await db.end();
      }
    };

    before(async () => {
      world = await ServerWorld.start(backend);
      [alice, bob, carol] = await Promise.all((['alice', 'bob', 'carol'] as const).map((n) => TeamChatClient.signUp(world.url, n, PASS[n], new MemorySecretStore(), TEST_CLIENT_OPTIONS))) as [TeamChatClient, TeamChatClient, TeamChatClient];
      await Promise.all([alice, bob, carol].map((c) => c.connect()));
      profile = createTempDataDir('dm-cli');
    });

    after(async () => {
      await Promise.all([alice, bob, carol].map((c) => c?.disconnect()));
      await world?.close();
      profile?.remove();
    });

    it('alice messages bob: a verified DM for both, named by the other person, apart from groups; bob replies by @alice', async () => {
      await alice.createGroup('plain group');
      const bobInbox = new Inbox(bob);
      const aliceInbox = new Inbox(alice);
      dm = await alice.openDirectMessage('bob');
      assert.equal(dm.kind, 'dm');
      assert.deepEqual(dm.dm, { with: 'bob', ended: false });
      assert.equal(dm.name, 'bob');
      assert.equal(dm.verification.state, 'verified');
      assert.equal(dm.isAdmin, false);
      assert.deepEqual(dm.members.map((m) => [m.username, m.isAdmin]).sort(), [['alice', false], ['bob', false]]);
      const bobSees = groupAppears(bob, dm.id);
      const sent = await alice.sendText(dm, 'hi bob, just us');
      await bobSees;
      const got = await bobInbox.next((m) => m.msgId === sent.msgId);
      assert.equal(got.status, 'ok');
      assert.equal(got.body, 'hi bob, just us');
      const theirs = await bob.group('@alice');
      assert.equal(theirs.id, dm.id);
      assert.deepEqual(theirs.dm, { with: 'alice', ended: false });
      assert.equal(theirs.verification.state, 'verified');
      assert.deepEqual(bob.directMessages().map((g) => g.id), [dm.id]);
      assert.deepEqual(alice.directMessages().map((g) => g.id), [dm.id]);
      assert.deepEqual(alice.groups().filter((g) => !g.dm).map((g) => g.name), ['plain group']);
      const reply = await bob.sendText('@alice', 'hi alice');
      assert.equal((await aliceInbox.next((m) => m.msgId === reply.msgId)).body, 'hi alice');
      // The group named "bob" would be a group; a DM is found only as @bob.
      await assert.rejects(alice.group('bob'));
    });

    it('opening it again, either way round, gives the same DM; nobody opens one with themselves or with nobody', async () => {
      assert.equal((await alice.openDirectMessage('@bob')).id, dm.id);
      assert.equal((await bob.openDirectMessage('alice')).id, dm.id);
      // A client that never saw it (a new device) asks the server, which answers the pair's one.
      const fresh = await TeamChatClient.signIn(world.url, 'bob', PASS.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      try {
        assert.equal((await fresh.openDirectMessage('alice')).id, dm.id);
      } finally {
        await fresh.disconnect();
      }
      await assert.rejects(alice.openDirectMessage('alice'), DirectMessageWithYourselfError);
      await assert.rejects(alice.openDirectMessage('nobody-here'), NoSuchUsersError);
      const history = await bob.groupHistory('@alice');
      assert.deepEqual(history.entries.map((e) => [e.type, e.signer, e.username]), [['dm', 'alice', 'bob']]);
    });

    it('group changes make no sense in a DM: the log refuses them in the client before anything is sent', async () => {
      await assert.rejects(alice.addMember(dm.id, 'carol'), /direct message/);
      await assert.rejects(alice.renameGroup(dm.id, 'a group now'), /direct message/);
      await assert.rejects(alice.removeMember(dm.id, 'bob'), /direct message/);
      await assert.rejects(alice.promote(dm.id, 'bob'), /direct message/);
      assert.equal((await alice.refreshGroup(dm.id))?.logSeq, 1);
    });

    it('the CLI: teamchat dm opens or makes it and sends, groups lists DMs apart, read and send take @name', async () => {
      const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_PASSPHRASE: PASS.carol, TEAMCHAT_SERVER: world.url };
      assert.equal((await runTeamchat(['login', 'carol'], env)).code, 0);
      const aliceInbox = new Inbox(alice);
      const sent = await runTeamchat(['dm', 'alice', 'hello', 'from', 'the', 'cli'], env);
      assert.equal(sent.code, 0, sent.stderr);
      const seen = await aliceInbox.next((m) => m.body === 'hello from the cli');
      assert.equal(seen.sender, 'carol');
      assert.equal((await alice.group('@carol')).id, seen.groupId);
      await alice.sendText('@carol', 'hi carol');
      const listed = await runTeamchat(['groups'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /Direct messages:\n {2}@alice {2}[0-9a-f-]{36}/);
      const read = await runTeamchat(['read', '@alice'], env);
      assert.equal(read.code, 0, read.stderr);
      assert.match(read.stdout, /hello from the cli/);
      assert.match(read.stdout, /hi carol/);
      assert.equal((await runTeamchat(['send', '@alice', 'again'], env)).code, 0);
      const self = await runTeamchat(['dm', 'carol', 'me'], env);
      assert.notEqual(self.code, EXIT.ok);
      assert.match(self.stderr, /between two people/);
    });

    it('a leave ends it: the other still reads it, cannot send or rotate, and a new DM with the same person is a new one', async () => {
      const pair = await carol.openDirectMessage('bob');
      const said = await carol.sendText(pair, 'before I leave');
      const bobSees = groupBecomes(bob, pair.id, (g) => g.dm?.ended === true);
      await carol.leave(pair);
      const ended = await bobSees;
      assert.equal(ended.verification.state, 'verified');
      assert.equal(ended.name, 'carol');
      assert.equal((await bob.history(pair.id)).find((m) => m.msgId === said.msgId)?.body, 'before I leave');
      await assert.rejects(bob.sendText(pair.id, 'anyone?'), DirectMessageEndedError);
      await assert.rejects(bob.rotate(pair.id), /direct message/);
      const again = await bob.openDirectMessage('carol');
      assert.notEqual(again.id, pair.id);
      assert.deepEqual(again.dm, { with: 'carol', ended: false });
      assert.equal((await bob.group('@carol')).id, again.id, '@carol is the live one');
      await bob.leave(pair.id);
      assert.equal(await bob.refreshGroup(pair.id), undefined);
    });

    if (backend === 'postgresql') {
      it('SQL adds a third member row to a DM: both honest clients mark it disputed, seal nothing to her, and she reads nothing', async () => {
        await sql('INSERT INTO group_memberships (group_id, username, is_admin, read_seq) VALUES ($1, $2, false, 0)', [dm.id, 'carol']);
        for (const client of [alice, bob]) {
          const seen = await client.refreshGroup(dm.id);
          assert.equal(seen?.verification.state, 'disputed', client.username);
          assert.match(seen?.verification.problem ?? '', /carol/);
          assert.deepEqual(seen?.members.map((m) => m.username).sort(), ['alice', 'bob'], 'the member list is the log\u2019s');
        }
        await assert.rejects(alice.rotate(dm.id), (e: unknown) => e instanceof GroupVerificationError && e.reason === 'server-disagrees');
        const sent = await alice.sendText(dm.id, 'still only for bob');
        const keys = await sql<{ n: number }>('SELECT count(*)::int AS n FROM group_member_keys WHERE group_id = $1 AND username = $2', [dm.id, 'carol']);
        assert.equal(keys[0]?.n, 0);
        const asCarol = (await carol.history(dm.id)).find((m) => m.msgId === sent.msgId);
        assert.ok(asCarol, 'the server does deliver it to her');
        assert.notEqual(asCarol.status, 'ok');
        assert.equal(asCarol.body, undefined);
        await sql('DELETE FROM group_memberships WHERE group_id = $1 AND username = $2', [dm.id, 'carol']);
        assert.equal((await alice.refreshGroup(dm.id))?.verification.state, 'verified');
      });

      it('SQL turns the DM into a group, or a group into a DM: disputed, and the log decides what it is', async () => {
        await sql("UPDATE groups SET kind = 'group', name = 'ops' WHERE id = $1", [dm.id]);
        const asGroup = await alice.refreshGroup(dm.id);
        assert.equal(asGroup?.verification.state, 'disputed');
        assert.match(asGroup?.verification.problem ?? '', /direct message as a group/);
        assert.equal(asGroup?.dm?.with, 'bob', 'still the DM with bob, by its log');
        assert.equal(asGroup?.name, 'bob');
        await sql("UPDATE groups SET kind = 'dm', name = '' WHERE id = $1", [dm.id]);
        assert.equal((await alice.refreshGroup(dm.id))?.verification.state, 'verified');

        const team = await alice.createGroup('team');
        await alice.addMember(team.id, 'bob');
        await sql("UPDATE groups SET kind = 'dm' WHERE id = $1", [team.id]);
        const asDm = await bob.refreshGroup(team.id);
        assert.equal(asDm?.verification.state, 'disputed');
        assert.match(asDm?.verification.problem ?? '', /group as a direct message/);
        assert.equal(asDm?.dm, undefined);
        assert.equal(asDm?.name, 'team');
        // A "DM" with no signed log at all is the server's word alone: failed, nothing opened.
        const old = await alice.api.createGroup({ id: randomUUID(), name: 'no log', encryptedGroupKeyB64: Buffer.alloc(150).toString('base64') });
        await sql("UPDATE groups SET kind = 'dm' WHERE id = $1", [old.id]);
        const bare = await alice.refreshGroup(old.id);
        assert.equal(bare?.verification.state, 'failed');
        assert.equal(bare?.dm, undefined);
        assert.deepEqual(bare?.members, []);
      });
    }
  });
}
