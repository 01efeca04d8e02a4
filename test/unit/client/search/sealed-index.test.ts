import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SealedIndexFile } from '../../../../client/search/sealed-index-file';
import { msg, owner, searchWith } from './search-support';

const GROUPS = [{ id: 'g1', name: 'General' }];

async function savedIndex(o = owner()) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'teamchat-search-'));
  const file = path.join(dir, 'search-index.bin');
  const t = searchWith(GROUPS, o);
  assert.equal(await t.search.persistTo(file), 'missing');
  const kept = msg('g1', 1, { body: 'zanzibar quarterly numbers' });
  t.deliver('g1', [kept]);
  await t.search.close();
  return { dir, file, o, kept };
}

describe('search index at rest', () => {
  it('is saved sealed and opens again for the same account, with no plaintext word in the file', async () => {
    const { dir, file, o, kept } = await savedIndex();
    const bytes = await readFile(file);
    for (const word of ['zanzibar', 'quarterly', 'numbers', 'alice', 'General', 'g1', kept.msgId]) {
      assert.equal(bytes.includes(Buffer.from(word)), false, `"${word}" is in the file`);
    }
    assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    const again = searchWith(GROUPS, o);
    assert.equal(await again.search.persistTo(file), 'loaded');
    assert.deepEqual(again.ids('zanzibar'), [kept.msgId]);
  });

  it('is not trusted under another key, for another user or server, or tampered with: it is replaced', async () => {
    const { file, o } = await savedIndex();
    const original = await readFile(file);
    const cases: [string, ReturnType<typeof owner>][] = [
      ['another key', owner(o.username)],
      ['another user with the same key', { ...o, username: 'mallory' }],
      ['another server', { ...o, server: 'http://127.0.0.1:2' }],
    ];
    for (const [what, other] of cases) {
      const t = searchWith(GROUPS, other);
      assert.equal(await t.search.persistTo(file), 'not-this-account', what);
      assert.deepEqual(t.ids('zanzibar'), [], what);
      // It replaces the file it could not read with its own (empty) index: written back first.
      await t.search.close();
      await writeFile(file, original);
    }
    for (const at of [0, 5, original.length - 1, Math.floor(original.length / 2)]) {
      const tampered = Buffer.from(original);
      tampered[at]! ^= 0x01;
      await writeFile(file, tampered);
      const t = searchWith(GROUPS, o);
      assert.notEqual(await t.search.persistTo(file), 'loaded', `byte ${at}`);
      assert.deepEqual(t.ids('zanzibar'), []);
      await t.search.close();
    }
    for (const junk of [Buffer.alloc(0), Buffer.from('not an index'), randomBytes(5000), original.subarray(0, 40)]) {
      await writeFile(file, junk);
      const t = searchWith(GROUPS, o);
      assert.notEqual(await t.search.persistTo(file), 'loaded');
      await t.search.close();
    }
    await writeFile(file, Buffer.from('damaged'));
    // The damaged file is replaced by a good one at the next save.
    const t = searchWith(GROUPS, o);
    await t.search.persistTo(file);
    t.deliver('g1', [msg('g1', 2, { body: 'rebuilt' })]);
    await t.search.flush();
    const reopened = searchWith(GROUPS, o);
    assert.equal(await reopened.search.persistTo(file), 'loaded');
    assert.equal(reopened.ids('rebuilt').length, 1);
  });

  it('does not trust a file that opens under the right key but is not a saved index of this format', async () => {
    const { file, o } = await savedIndex();
    const wrongs = [
      '{"v":1,"docs":[]}', '{"v":2}', '{"v":2,"docs":{}}', '{"v":2,"docs":[["g1","m",1,"bob",0,"text","",0]]}',
      '{"v":2,"docs":[["g1","m","1","bob",0,"text","",0,0]]}', '{"v":2,"docs":[["g1","m",1,"bob",0,{"__proto__":1},"",0,0]]}', 'null', '"x"', '{',
    ];
    for (const json of wrongs) {
      await new SealedIndexFile(file, o).write(json);
      const t = searchWith(GROUPS, o);
      assert.equal(await t.search.persistTo(file), 'damaged', json);
      assert.equal(t.search.size, 0, json);
      await t.search.close();
    }
  });

  it('applies an edit or a delete of a message only the saved index holds, from its sender only', async () => {
    const { file, o, kept } = await savedIndex();
    const t = searchWith(GROUPS, o);
    await t.search.persistTo(file);
    t.deliver('g1', [msg('g1', 5, { kind: 'edit', target: kept.msgId, body: 'lies', sender: 'mallory' })]);
    assert.deepEqual(t.ids('zanzibar'), [kept.msgId]);
    t.deliver('g1', [msg('g1', 6, { kind: 'edit', target: kept.msgId, body: 'zanzibar annual\n```\ncode\n```' })]);
    assert.deepEqual(t.ids('quarterly'), []);
    assert.deepEqual(t.ids('annual has:code'), [kept.msgId]);
    t.deliver('g1', [msg('g1', 4, { kind: 'edit', target: kept.msgId, body: 'zanzibar older edit' })], false);
    assert.deepEqual(t.ids('older'), [], 'an older edit read later does not win');
    t.deliver('g1', [msg('g1', 7, { kind: 'delete', target: kept.msgId, body: '', sender: 'mallory' })]);
    assert.deepEqual(t.ids('zanzibar'), [kept.msgId]);
    t.deliver('g1', [msg('g1', 8, { kind: 'delete', target: kept.msgId, body: '' })]);
    assert.deepEqual(t.ids('zanzibar'), []);
    await t.search.close();
    const reopened = searchWith(GROUPS, o);
    await reopened.search.persistTo(file);
    assert.deepEqual(reopened.ids('zanzibar'), [], 'the delete reached the file');
  });

  it('indexes the saved documents a chunk at a time, and what arrives meanwhile wins over the file', async () => {
    const { file, o, kept } = await savedIndex();
    const t = searchWith(GROUPS, o);
    t.deliver('g1', [msg('g1', 8, { body: 'indexed before' })]);
    const loading = t.search.persistTo(file);
    t.deliver('g1', [msg('g1', 9, { body: 'arrived meanwhile' })]);
    t.deliver('g1', [msg('g1', 10, { kind: 'delete', target: kept.msgId, body: '' })]);
    assert.equal(await loading, 'loaded');
    assert.deepEqual(t.ids('zanzibar'), []);
    assert.equal(t.ids('meanwhile').length, 1);
    assert.equal(t.ids('before').length, 1);
  });

  it('erases its file at sign-out', async () => {
    const { dir, file, o } = await savedIndex();
    const t = searchWith(GROUPS, o);
    await t.search.persistTo(file);
    await t.search.erase();
    assert.deepEqual(await readdir(dir), []);
    assert.equal(t.search.size, 0);
  });
});
