import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../client';
import { formatMessage, messageJson } from '../../../client/cli/output';

const repo = 'e'.repeat(64);
const commit = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function snippetMessage(origin?: NonNullable<ChatMessage['snippet']>['origin']): ChatMessage {
  return {
    groupId: 'g', seq: 7, msgId: '7'.padStart(32, '0'), sender: 'bob', generation: 1, createdAt: '2026-12-01T20:00:00.000Z', status: 'ok',
    kind: 'snippet', body: 'look', snippet: { path: 'src/retry.ts', startLine: 2, endLine: 4, language: 'typescript', code: 'a\nb\nc', ...(origin ? { origin } : {}) },
  };
}

describe('CLI output of a snippet\'s origin', () => {
  it('prints the short commit after the path, and says when the lines had uncommitted changes', () => {
    assert.equal(formatMessage(snippetMessage({ repo, commit, textHash: 'c'.repeat(64), dirty: false }))[1], '  --- src/retry.ts:2-4 (typescript) at a1b2c3d');
    assert.equal(formatMessage(snippetMessage({ repo, commit, textHash: 'c'.repeat(64), dirty: true }))[1], '  --- src/retry.ts:2-4 (typescript) at a1b2c3d (uncommitted changes)');
    assert.equal(formatMessage(snippetMessage())[1], '  --- src/retry.ts:2-4 (typescript)');
  });

  it('never prints the repository hash in human output, and --json carries the whole origin', () => {
    const message = snippetMessage({ repo, commit, textHash: 'c'.repeat(64), dirty: false });
    assert.ok(!formatMessage(message).join('\n').includes(repo.slice(0, 12)));
    assert.deepEqual(JSON.parse(JSON.stringify(messageJson(message))).snippet.origin, { repo, commit, textHash: 'c'.repeat(64), dirty: false });
  });
});
