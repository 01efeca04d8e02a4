import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { generateGroupKey, ParameterError, threadTag } from '../../../common/crypto';

describe('thread tag', () => {
  const groupId = '7c1e4a10-2f4b-4c1e-9d7a-0b6f1e2d3c4b';
  const root = '0123456789abcdef0123456789abcdef';

  it('is HMAC-SHA256 of the root msgId under HKDF(group key, "teamchat/v1/thread-tag|group|g"), as docs/threads.md says', () => {
    const key = generateGroupKey();
    const derived = Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), `teamchat/v1/thread-tag|${groupId}|3`, 32));
    const expected = createHmac('sha256', derived).update(root).digest('hex');
    assert.equal(threadTag(key, { groupId, generation: 3 }, root), expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
  });

  it('differs by root, group, generation and key, and never shows the root', () => {
    const key = generateGroupKey();
    const base = threadTag(key, { groupId, generation: 1 }, root);
    const others = [
      threadTag(key, { groupId, generation: 1 }, 'f'.repeat(32)),
      threadTag(key, { groupId: 'another-group', generation: 1 }, root),
      threadTag(key, { groupId, generation: 2 }, root),
      threadTag(generateGroupKey(), { groupId, generation: 1 }, root),
    ];
    assert.equal(new Set([base, ...others]).size, 5);
    assert.ok(!base.includes(root.slice(0, 8)));
    assert.equal(threadTag(key, { groupId, generation: 1 }, root), base, 'the same for every member');
  });

  it('refuses a bad root, key or context', () => {
    const key = generateGroupKey();
    assert.throws(() => threadTag(key, { groupId, generation: 1 }, 'ABC'), ParameterError);
    assert.throws(() => threadTag(key.subarray(1), { groupId, generation: 1 }, root), ParameterError);
    assert.throws(() => threadTag(key, { groupId: 'a|b', generation: 1 }, root), ParameterError);
    assert.throws(() => threadTag(key, { groupId, generation: 0 }, root), ParameterError);
  });
});
