// Renaming a group and setting its topic: admin only, each carried by its signed link, stored
// with the link in one transaction, and the same-name rule of create for the one renaming.
import assert from 'node:assert/strict';
import type { GroupView, LoginAnswer, LogPage } from '../../../common/api';
import { createIdentity, toBase64, type Identity } from '../../../common/crypto';
import { makeLink, type LinkBodies, type LinkType, type LogHead } from '../../../common/group-log';
import { addMember, call, createGroup, errorCode, newGroupId, registerBody, sealedKey, signUp, uniqueName, type Session } from '../support/api';
import type { Backend } from '../support/backends';

interface Signer extends Session {
  identity: Identity;
}

export function groupTextSuite(backend: () => Backend): void {
  const app = () => backend().app;

  /** A user whose registered keys are real, so the links they sign verify. */
  async function signUpWithKeys(): Promise<Signer> {
    const identity = createIdentity();
    const username = uniqueName('k');
    const registered = { ...registerBody(username), encryptionPublicKeyB64: toBase64(identity.encryptionPublicKey), signingPublicKeyB64: toBase64(identity.signingPublicKey) };
    assert.equal((await call(app(), 'POST', '/api/auth/register', { body: registered })).status, 201);
    const login = await call<LoginAnswer>(app(), 'POST', '/api/auth/login', { body: { username, authKeyB64: registered.authKeyB64 } });
    return { username, token: login.json.accessToken, refreshToken: login.json.refreshToken, authKeyB64: registered.authKeyB64, registered, identity };
  }

  /** alice's group with a signed log (create, then add bob); `sign` makes the next link as anyone. */
  async function loggedGroup() {
    const alice = await signUpWithKeys();
    const bob = await signUpWithKeys();
    const id = newGroupId();
    let head: LogHead | undefined;
    const sign = <T extends LinkType>(who: Signer, type: T, body: LinkBodies[T], after: LogHead | undefined = head) =>
      makeLink(id, after, type, body, { username: who.username, signingPrivateKey: who.identity.signingPrivateKey });
    const keysOf = (who: Signer) => ({ username: who.username, encryptionKey: who.registered.encryptionPublicKeyB64, signingKey: who.registered.signingPublicKeyB64 });
    const accept = (link: ReturnType<typeof sign>) => (head = { seq: link.link.seq, hash: link.hash });
    const create = sign(alice, 'create', { name: 'launch', member: keysOf(alice) });
    assert.equal((await call(app(), 'POST', '/api/groups/create', { token: alice.token, body: { id, name: 'launch', encryptedGroupKeyB64: sealedKey(), links: [create.text] } })).status, 201);
    accept(create);
    const add = sign(alice, 'add', { member: keysOf(bob), generations: [1] });
    const added = await call(app(), 'POST', `/api/groups/${id}/members`, {
      token: alice.token, body: { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }], links: [add.text] },
    });
    assert.equal(added.status, 201, added.body);
    accept(add);
    return { id, alice, bob, sign, accept, head: () => head };
  }

  describe('group name and topic', () => {
    it('an admin renames a group and sets and clears its topic, each with its link; every member sees it and the log holds the links', async () => {
      const { id, alice, bob, sign, accept } = await loggedGroup();
      const rename = sign(alice, 'rename', { name: 'launch v2' });
      const renamed = await call<GroupView>(app(), 'PUT', `/api/groups/${id}/name`, { token: alice.token, body: { name: ' launch v2 ', links: [rename.text] } });
      assert.equal(renamed.status, 200, renamed.body);
      assert.equal(renamed.json.name, 'launch v2');
      assert.equal(renamed.json.topic, '');
      accept(rename);
      const topic = sign(alice, 'topic', { topic: 'Ship it by Friday' });
      const set = await call<GroupView>(app(), 'PUT', `/api/groups/${id}/topic`, { token: alice.token, body: { topic: 'Ship it by Friday ', links: [topic.text] } });
      assert.equal(set.status, 200, set.body);
      accept(topic);
      const seen = await call<GroupView>(app(), 'GET', `/api/groups/${id}`, { token: bob.token });
      assert.deepEqual([seen.json.name, seen.json.topic], ['launch v2', 'Ship it by Friday']);
      const clear = sign(alice, 'topic', { topic: '' });
      const cleared = await call<GroupView>(app(), 'PUT', `/api/groups/${id}/topic`, { token: alice.token, body: { topic: '', links: [clear.text] } });
      assert.equal(cleared.status, 200, cleared.body);
      assert.equal(cleared.json.topic, '');
      assert.equal(cleared.json.logSeq, 5);
      const log = await call<LogPage>(app(), 'GET', `/api/groups/${id}/log?after=2`, { token: bob.token });
      assert.deepEqual(log.json.links.map((l) => l.link), [rename.text, topic.text, clear.text], 'stored byte for byte');
    });

    it('refuses a change the links do not carry, a stale link, a non-admin, and text no link may hold, and stores nothing of it', async () => {
      const { id, alice, bob, sign, head } = await loggedGroup();
      const put = (who: Session, what: 'name' | 'topic', body: object) => call(app(), 'PUT', `/api/groups/${id}/${what}`, { token: who.token, body });
      const refusals: Array<[Awaited<ReturnType<typeof put>>, number, string]> = [
        [await put(alice, 'name', { name: 'no link' }), 400, 'link_required'],
        [await put(alice, 'name', { name: 'said', links: [sign(alice, 'rename', { name: 'meant' }).text] }), 400, 'invalid_link'],
        [await put(alice, 'topic', { topic: 'said', links: [sign(alice, 'rename', { name: 'said' }).text] }), 400, 'invalid_link'],
        [await put(alice, 'name', { name: 'stale', links: [sign(alice, 'rename', { name: 'stale' }, { seq: 1, hash: 'a'.repeat(64) }).text] }), 409, 'log_conflict'],
        [await put(alice, 'name', { name: 'launch', links: [sign(alice, 'rename', { name: 'launch' }).text] }), 400, 'invalid_request'],
        [await put(alice, 'topic', { topic: '', links: [sign(alice, 'topic', { topic: '' }).text] }), 400, 'invalid_request'],
        [await put(bob, 'name', { name: 'bobs', links: [sign(bob, 'rename', { name: 'bobs' }).text] }), 403, 'not_admin'],
        [await put(bob, 'topic', { topic: 'bobs', links: [sign(bob, 'topic', { topic: 'bobs' }).text] }), 403, 'not_admin'],
        // bob's link, sent by alice: a link is the caller's own.
        [await put(alice, 'topic', { topic: 'bobs', links: [sign(bob, 'topic', { topic: 'bobs' }).text] }), 400, 'invalid_link'],
      ];
      for (const topic of ['two\nlines', 'esc \u001b[2J', 'c1 \u009b', 'rtl \u202egnp.exe', 'x'.repeat(251)]) {
        refusals.push([await put(alice, 'topic', { topic, links: [sign(alice, 'topic', { topic: 'fine' }).text] }), 400, 'invalid_request']);
      }
      refusals.push([await put(alice, 'name', { name: 'a\u202eb', links: [sign(alice, 'rename', { name: 'fine' }).text] }), 400, 'invalid_request']);
      for (const [i, [res, status, code]] of refusals.entries()) {
        assert.equal(res.status, status, `${i}: ${res.body}`);
        assert.equal(errorCode(res), code, `${i}: ${res.body}`);
      }
      const view = await call<GroupView>(app(), 'GET', `/api/groups/${id}`, { token: alice.token });
      assert.deepEqual([view.json.name, view.json.topic, view.json.logSeq], ['launch', '', head()?.seq]);
    });

    it('a rename to a name the renamer is in another group of is refused (409 group_name_taken) unless allowSameName', async () => {
      const alice = await signUp(app());
      const bob = await signUp(app());
      const group = await createGroup(app(), alice, 'backend');
      await createGroup(app(), alice, 'Frontend');
      const other = await createGroup(app(), bob, 'frontend');
      await addMember(app(), bob, other.id, alice.username);
      const rename = (who: Session, id: string, body: object) => call<GroupView>(app(), 'PUT', `/api/groups/${id}/name`, { token: who.token, body });
      const refused = await rename(alice, group.id, { name: 'FRONTEND' });
      assert.equal(refused.status, 409);
      assert.equal(errorCode(refused), 'group_name_taken');
      // Only the renamer is asked: bob is in a "frontend" as well, and nobody asks him.
      const asked = await rename(alice, group.id, { name: 'FRONTEND', allowSameName: true });
      assert.equal(asked.status, 200, asked.body);
      assert.equal(asked.json.name, 'FRONTEND');
      // A change of case to its own name is no other group's name.
      assert.equal((await rename(bob, other.id, { name: 'Frontend', allowSameName: false })).status, 200);
    });

    it('a group made before the log is renamed on the server\'s word, without links, and the topic is there for every group', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice, 'old');
      assert.equal(group.topic, '');
      const renamed = await call<GroupView>(app(), 'PUT', `/api/groups/${group.id}/name`, { token: alice.token, body: { name: 'older' } });
      assert.equal(renamed.status, 200, renamed.body);
      const topic = await call<GroupView>(app(), 'PUT', `/api/groups/${group.id}/topic`, { token: alice.token, body: { topic: 'Ünïcode ✓ and "quotes"' } });
      assert.deepEqual([topic.json.name, topic.json.topic, topic.json.logSeq], ['older', 'Ünïcode ✓ and "quotes"', 0]);
      const stranger = await signUp(app());
      const hidden = await call(app(), 'PUT', `/api/groups/${group.id}/topic`, { token: stranger.token, body: { topic: 'mine' } });
      assert.equal(hidden.status, 404);
    });
  });
}
