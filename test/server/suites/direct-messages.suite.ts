// Direct messages on the server: one live DM per pair (the database's unique key), made only by
// one of the two with a dm link that is theirs and names both with their registered keys, and
// no group route that would add, remove, promote or rename anyone in it.
import assert from 'node:assert/strict';
import type { GroupList, GroupView, LoginAnswer, LogPage } from '../../../common/api';
import { createIdentity, toBase64, type Identity } from '../../../common/crypto';
import { makeLink, type LinkBodies, type LinkType, type LogHead, type MemberKeys } from '../../../common/group-log';
import { call, errorCode, newGroupId, post, registerBody, sealedKey, uniqueName, type Session } from '../support/api';
import type { Backend } from '../support/backends';

interface Signer extends Session {
  identity: Identity;
}

export function directMessagesSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const knex = () => backend().app.orm.em.getKnex();

  async function signUpWithKeys(): Promise<Signer> {
    const identity = createIdentity();
    const username = uniqueName('d');
    const registered = { ...registerBody(username), encryptionPublicKeyB64: toBase64(identity.encryptionPublicKey), signingPublicKeyB64: toBase64(identity.signingPublicKey) };
    assert.equal((await call(app(), 'POST', '/api/auth/register', { body: registered })).status, 201);
    const login = await call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username, authKeyB64: registered.authKeyB64 } });
    return { username, token: login.json.accessToken, refreshToken: login.json.refreshToken, authKeyB64: registered.authKeyB64, registered, identity };
  }

  const keysOf = (who: Signer): MemberKeys => ({ username: who.username, encryptionKey: who.registered.encryptionPublicKeyB64, signingKey: who.registered.signingPublicKeyB64 });
  const sorted = (...members: MemberKeys[]) => members.sort((a, b) => (a.username < b.username ? -1 : 1));
  const sign = <T extends LinkType>(id: string, who: Signer, type: T, body: LinkBodies[T], head?: LogHead) =>
    makeLink(id, head, type, body, { username: who.username, signingPrivateKey: who.identity.signingPrivateKey });

  /** `me` asks for the DM with `other`: a fresh id, keys for both, the dm link (overridable). */
  function openBody(me: Signer, other: Signer, change: { id?: string; members?: MemberKeys[]; signer?: Signer; sealedFor?: string[] } = {}) {
    const id = change.id ?? newGroupId();
    const link = sign(id, change.signer ?? me, 'dm', { members: change.members ?? sorted(keysOf(me), keysOf(other)) });
    const sealedFor = change.sealedFor ?? [me.username, other.username];
    return { id, username: other.username, keys: sealedFor.map((username) => ({ username, encryptedGroupKeyB64: sealedKey() })), links: [link.text], link };
  }

  async function open(me: Signer, other: Signer, change: Parameters<typeof openBody>[2] = {}) {
    const body = openBody(me, other, change);
    const { link, ...sent } = body;
    const res = await call<GroupView>(app(), 'POST', '/api/groups/dm', { token: me.token, body: sent });
    return { res, id: body.id, head: { seq: 1, hash: link.hash } };
  }

  async function pairRows(a: Signer, b: Signer): Promise<number> {
    const rows = await knex()('groups as g').join('group_memberships as m', 'm.group_id', 'g.id')
      .where('g.kind', 'dm').whereIn('m.username', [a.username, b.username]).groupBy('g.id').havingRaw('count(*) = 2').select('g.id');
    return rows.length;
  }

  describe('direct messages', () => {
    it('one of the two opens a DM (201): kind dm, both members, neither admin, each holding their own generation 1; the log holds the dm link', async () => {
      const [alice, bob] = [await signUpWithKeys(), await signUpWithKeys()];
      const { res, id } = await open(alice, bob);
      assert.equal(res.status, 201, res.body);
      assert.equal(res.json.kind, 'dm');
      assert.equal(res.json.name, '');
      assert.equal(res.json.isAdmin, false);
      assert.deepEqual(res.json.members.map((m) => [m.username, m.isAdmin]).sort(), [[alice.username, false], [bob.username, false]].sort());
      assert.deepEqual(res.json.keys.map((k) => [k.generation, k.sealedBy]), [[1, alice.username]]);
      const bobs = await call<GroupList>(app(), 'GET', '/api/groups', { token: bob.token });
      const seen = bobs.json.groups.find((g) => g.id === id);
      assert.equal(seen?.kind, 'dm');
      assert.deepEqual(seen?.keys.map((k) => [k.generation, k.sealedBy]), [[1, alice.username]]);
      const log = await call<LogPage>(app(), 'GET', `/api/groups/${id}/log`, { token: bob.token });
      assert.equal(log.json.links.length, 1);
      assert.match(log.json.links[0]?.link ?? '', /"type":"dm"/);
      // Both can send under generation 1.
      assert.equal((await post(app(), bob, id)).status, 201);
    });

    it('ordinary groups say kind group', async () => {
      const alice = await signUpWithKeys();
      const id = newGroupId();
      const create = sign(id, alice, 'create', { name: 'plain', member: keysOf(alice) });
      const res = await call<GroupView>(app(), 'POST', '/api/groups/create', { token: alice.token, body: { id, name: 'plain', encryptedGroupKeyB64: sealedKey(), links: [create.text] } });
      assert.equal(res.json.kind, 'group');
    });

    it('the same pair asking again, either way round, gets the same DM (200); the database holds one', async () => {
      const [alice, bob] = [await signUpWithKeys(), await signUpWithKeys()];
      const first = await open(alice, bob);
      const again = await open(alice, bob);
      const reverse = await open(bob, alice);
      assert.deepEqual([again.res.status, reverse.res.status], [200, 200]);
      assert.equal(again.res.json.id, first.id);
      assert.equal(reverse.res.json.id, first.id);
      assert.equal(reverse.res.json.keys.length, 1, 'bob gets his own sealed copy, from alice');
      assert.equal(await pairRows(alice, bob), 1);
      assert.equal((await call(app(), 'GET', `/api/groups/${again.id}`, { token: alice.token })).status, 404, 'the second id was never made');
    });

    it('two asking at once still make one DM: the unique key of the pair decides', async () => {
      const [alice, bob] = [await signUpWithKeys(), await signUpWithKeys()];
      const [a, b] = await Promise.all([open(alice, bob), open(bob, alice)]);
      assert.deepEqual([a.res.status, b.res.status].sort(), [200, 201]);
      assert.equal(a.res.json.id, b.res.json.id);
      assert.equal(await pairRows(alice, bob), 1);
      // And the database refuses a second live row for the pair, whoever writes it.
      const pair = [alice.username, bob.username].sort().join(' ');
      await assert.rejects(knex().raw(`INSERT INTO groups (id, name, created_by, kind, dm_pair) VALUES (?, '', ?, 'dm', ?)`, [newGroupId(), alice.username, pair]));
    });

    it('refuses a DM with yourself, with nobody, or for a deactivated account, and keeps a third person out', async () => {
      const [alice, bob, carol] = [await signUpWithKeys(), await signUpWithKeys(), await signUpWithKeys()];
      const self = openBody(alice, alice, { members: [keysOf(alice), keysOf(alice)] });
      const { link: _self, ...selfBody } = self;
      const mine = await call(app(), 'POST', '/api/groups/dm', { token: alice.token, body: selfBody });
      assert.equal(mine.status, 400);
      assert.equal(errorCode(mine), 'invalid_request');
      const keys = [alice.username, 'nobody-here'].map((username) => ({ username, encryptedGroupKeyB64: sealedKey() }));
      const ghost = await call(app(), 'POST', '/api/groups/dm', { token: alice.token, body: { ...selfBody, username: 'nobody-here', keys } });
      assert.equal(ghost.status, 404);
      assert.equal(errorCode(ghost), 'user_not_found');
      const dave = await signUpWithKeys();
      await knex()('users').where({ username: dave.username }).update({ status: 'deactivated' });
      const inactive = await open(alice, dave);
      assert.equal(inactive.res.status, 409);
      assert.equal(errorCode(inactive.res), 'account_inactive');
      const { res, id } = await open(alice, bob);
      assert.equal(res.status, 201);
      assert.equal((await call(app(), 'GET', `/api/groups/${id}`, { token: carol.token })).status, 404);
      assert.equal((await call(app(), 'GET', `/api/groups/${id}/log`, { token: carol.token })).status, 404);
      assert.equal((await post(app(), carol, id)).status, 404);
    });

    it('refuses a dm link that is not the caller\'s, names a third person or other keys, or keys not sealed for the two; nothing is stored', async () => {
      const [alice, bob, carol] = [await signUpWithKeys(), await signUpWithKeys(), await signUpWithKeys()];
      const impostor = { ...keysOf(bob), signingKey: keysOf(carol).signingKey };
      for (const [what, change, code] of [
        ['signed by bob, sent by alice', { signer: bob }, 'invalid_link'],
        ['naming carol instead of alice', { members: sorted(keysOf(carol), keysOf(bob)) }, 'invalid_link'],
        ['bob with carol\'s signing key', { members: sorted(keysOf(alice), impostor) }, 'invalid_link'],
        ['sealed for carol instead of bob', { sealedFor: [alice.username, carol.username] }, 'invalid_request'],
        ['sealed twice for alice', { sealedFor: [alice.username, alice.username] }, 'invalid_request'],
      ] as Array<[string, Parameters<typeof openBody>[2], string]>) {
        const { res, id } = await open(alice, bob, change);
        assert.equal(res.status, 400, `${what}: ${res.body}`);
        assert.equal(errorCode(res), code, what);
        assert.equal((await knex()('groups').where({ id }).first()) ?? undefined, undefined, what);
      }
      const three = openBody(alice, bob);
      const wide = sign(three.id, alice, 'dm', { members: sorted(keysOf(alice), keysOf(bob), keysOf(carol)) });
      const { link: _l, ...body } = three;
      const res = await call(app(), 'POST', '/api/groups/dm', { token: alice.token, body: { ...body, links: [wide.text] } });
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'invalid_link');
      assert.equal(await pairRows(alice, bob), 0);
      // A group's create link does not make a DM either.
      const create = sign(three.id, alice, 'create', { name: 'x', member: keysOf(alice) });
      const asGroup = await call(app(), 'POST', '/api/groups/dm', { token: alice.token, body: { ...body, links: [create.text] } });
      assert.equal(errorCode(asGroup), 'invalid_link');
    });

    it('answers 409 direct_message to every group route that makes no sense between two people, and changes nothing', async () => {
      const [alice, bob, carol] = [await signUpWithKeys(), await signUpWithKeys(), await signUpWithKeys()];
      const { res, id, head } = await open(alice, bob);
      assert.equal(res.status, 201);
      const token = alice.token;
      const tries: Array<[string, Promise<{ status: number; json: unknown }>]> = [
        ['add', call(app(), 'POST', `/api/groups/${id}/members`, {
          token, body: { username: carol.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }], links: [sign(id, alice, 'add', { member: keysOf(carol), generations: [1] }, head).text] },
        })],
        ['remove', call(app(), 'DELETE', `/api/groups/${id}/members/${bob.username}`, { token, body: { links: [sign(id, alice, 'remove', { username: bob.username }, head).text] } })],
        ['promote', call(app(), 'POST', `/api/groups/${id}/admins/${alice.username}`, { token, body: { links: [sign(id, alice, 'promote', { username: alice.username }, head).text] } })],
        ['demote', call(app(), 'DELETE', `/api/groups/${id}/admins/${bob.username}`, { token, body: {} })],
        ['rename', call(app(), 'PUT', `/api/groups/${id}/name`, { token, body: { name: 'a group now', links: [sign(id, alice, 'rename', { name: 'a group now' }, head).text] } })],
        ['topic', call(app(), 'PUT', `/api/groups/${id}/topic`, { token, body: { topic: 'hi', links: [sign(id, alice, 'topic', { topic: 'hi' }, head).text] } })],
        ['delete', call(app(), 'DELETE', `/api/groups/${id}`, { token, body: { links: [sign(id, alice, 'delete', {}, head).text] } })],
        ['start', call(app(), 'POST', `/api/groups/${id}/log`, { token, body: { links: [sign(id, alice, 'create', { name: 'x', member: keysOf(alice) }).text] } })],
      ];
      for (const [what, answer] of tries) {
        const got = await answer;
        assert.equal(got.status, 409, what);
        assert.equal(errorCode(got), 'direct_message', what);
      }
      const after = await call<GroupView>(app(), 'GET', `/api/groups/${id}`, { token: bob.token });
      assert.equal(after.json.logSeq, 1);
      assert.deepEqual(after.json.members.map((m) => [m.username, m.isAdmin]).sort(), [[alice.username, false], [bob.username, false]].sort());
    });

    it('either may rotate; a leave ends it: no rotation after, and the pair can open a new DM; the last leave deletes it', async () => {
      const [alice, bob] = [await signUpWithKeys(), await signUpWithKeys()];
      const { id, head } = await open(alice, bob);
      const rotate = sign(id, bob, 'rotate', { generation: 2, sealedTo: [alice.username, bob.username].sort() }, head);
      const rotated = await call(app(), 'POST', `/api/groups/${id}/rotate`, {
        token: bob.token,
        body: { generation: 2, keys: [alice.username, bob.username].map((username) => ({ username, encryptedGroupKeyB64: sealedKey() })), links: [rotate.text] },
      });
      assert.equal(rotated.status, 200, JSON.stringify(rotated.json));
      const leave = sign(id, bob, 'leave', {}, { seq: 2, hash: rotate.hash });
      const left = await call(app(), 'DELETE', `/api/groups/${id}/members/${bob.username}`, { token: bob.token, body: { links: [leave.text] } });
      assert.equal(left.status, 200, JSON.stringify(left.json));
      const view = await call<GroupView>(app(), 'GET', `/api/groups/${id}`, { token: alice.token });
      assert.deepEqual(view.json.members.map((m) => m.username), [alice.username]);
      assert.equal(view.json.needsRotation, true);
      const alone = sign(id, alice, 'rotate', { generation: 3, sealedTo: [alice.username] }, { seq: 3, hash: leave.hash });
      const refused = await call(app(), 'POST', `/api/groups/${id}/rotate`, {
        token: alice.token, body: { generation: 3, keys: [{ username: alice.username, encryptedGroupKeyB64: sealedKey() }], links: [alone.text] },
      });
      assert.equal(refused.status, 409);
      assert.equal(errorCode(refused), 'direct_message');
      assert.equal((await post(app(), alice, id, 2)).status, 409, 'nobody sends into an ended DM');
      // The pair is free again: a new DM, not the ended one.
      const next = await open(alice, bob);
      assert.equal(next.res.status, 201);
      assert.notEqual(next.id, id);
      const last = sign(id, alice, 'leave', {}, { seq: 3, hash: leave.hash });
      assert.equal((await call(app(), 'DELETE', `/api/groups/${id}/members/${alice.username}`, { token: alice.token, body: { links: [last.text] } })).status, 200);
      assert.equal((await call(app(), 'GET', `/api/groups/${id}`, { token: alice.token })).status, 404);
      assert.equal((await knex()('groups').where({ id }).first()) ?? undefined, undefined);
    });

    it('refuses a malformed request with 400 and no token with 401', async () => {
      const [alice, bob] = [await signUpWithKeys(), await signUpWithKeys()];
      const { link: _link, ...body } = openBody(alice, bob);
      for (const bad of [{ ...body, id: 'nope' }, { ...body, links: [] }, { ...body, keys: body.keys.slice(0, 1) }, { ...body, extra: 1 }, { ...body, username: '__proto__' }]) {
        const res = await call(app(), 'POST', '/api/groups/dm', { token: alice.token, body: bad });
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.equal(errorCode(res), 'invalid_request');
      }
      assert.equal((await call(app(), 'POST', '/api/groups/dm', { body })).status, 401);
    });
  });
}
