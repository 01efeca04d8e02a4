// Hostile members, hostile text: through a real server and real clients, a member sends
// messages, snippets, replies, edits and reactions whose every text field is hostile (keys
// of Object.prototype, control and bidi characters, terminal escapes, fake message lines,
// 40,000-character runs of Markdown punctuation, invalid UTF-16, zero-width joiners, and
// fast-check's strings). Every fresh client still loads the whole history, every message
// arrives as sent, and the CLI's formatting of it prints no control byte but its own
// newlines and no line a reader could take for another message. (Rendering the same text in
// the panel is measured in test/webview/hostile-render.test.ts.)
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { ChatMessage, TeamChatClient } from '../../client';
import { createOutput, formatMessage } from '../../client/cli/output';
import { MAX_ENVELOPE_BYTES } from '../../common/crypto/message';
import { markdownRuns, PROTOTYPE_KEYS, SHORT_HOSTILE_STRINGS } from '../support/hostile-strings';
import { terminalProblems } from '../support/terminal-check';
import { createAccount, startTeamChatClient, type Account } from './support/accounts';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';

const MAX_BODY = 40_000;

/** The longest start of `text` whose envelope fits (JSON escapes make some text grow up to 6x). */
function fitted(text: string, max: number, jsonBytes = MAX_ENVELOPE_BYTES - 2_000): string {
  let fit = text.slice(0, max);
  while (Buffer.byteLength(JSON.stringify(fit)) > jsonBytes) fit = fit.slice(0, Math.floor(fit.length * 0.9));
  return fit;
}

describe('reliability: hostile input from a member', function () {
  this.timeout(600_000);
  let server: ServerUnderTest;
  let accounts: Account[];
  let alice: TeamChatClient;
  let bob: TeamChatClient;
  let groupId: string;
  /** What was sent, by msgId: the body (after edits) each message must show. */
  const expected = new Map<string, { body: string; snippet?: { path: string; language: string; code: string } }>();
  const reactions = new Set<string>();
  let target: ChatMessage;

  before(async function () {
    server = await startServerUnderTest('hostile');
    accounts = await Promise.all(['alice', 'bob', 'carol'].map((name) => createAccount(server.baseUrl, name)));
    [alice, bob] = (await Promise.all(accounts.slice(0, 2).map((a) => startTeamChatClient(server.baseUrl, a)))) as [TeamChatClient, TeamChatClient];
    // The server refuses control and bidi characters in a group name; the rest may be anything.
    const group = await alice.createGroup('#1 2026-11-25 21:34 alice: __proto__ constructor');
    groupId = group.id;
    await alice.addMember(groupId, 'bob');
    await alice.addMember(groupId, 'carol');
    target = await alice.sendText(groupId, 'react to this');
    expected.set(target.msgId, { body: target.body ?? '' });
  });

  after(async function () {
    await Promise.all([alice, bob].map((c) => c?.disconnect()));
    await server?.stop();
  });

  async function sendAll(text: string): Promise<void> {
    const body = fitted(text, MAX_BODY);
    if (body.length > 0) {
      const sent = await bob.sendText(groupId, body, { replyTo: target.msgId });
      expected.set(sent.msgId, { body });
      const replacement = fitted([...text].reverse().join('') || 'x', MAX_BODY);
      await bob.editMessage(groupId, sent.msgId, replacement);
      expected.set(sent.msgId, { body: replacement });
    }
    const snippet = { path: text.slice(0, 1000), startLine: 1, endLine: 2, language: text.slice(0, 100), code: fitted(text, MAX_BODY, 20_000) };
    const shared = await bob.sendSnippet(groupId, snippet, fitted(text, MAX_BODY, 20_000));
    expected.set(shared.msgId, { body: fitted(text, MAX_BODY, 20_000), snippet: { path: snippet.path, language: snippet.language, code: snippet.code } });
    const reaction = text.slice(0, 64);
    if (reaction.length > 0 && !reactions.has(reaction)) {
      await bob.react(groupId, target.msgId, reaction);
      reactions.add(reaction);
    }
  }

  it('sends every hostile string in every field of every kind of message', async () => {
    for (const text of SHORT_HOSTILE_STRINGS) await sendAll(text);
    for (const { text } of markdownRuns()) await sendAll(text);
    const generated = fc.sample(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 })), { numRuns: 40, seed: 13 });
    for (const text of generated) await sendAll(text);
    assert.ok(expected.size > 200, `${expected.size} messages`);
  });

  for (const [index, name] of ['alice', 'bob', 'carol'].entries()) {
    it(`a fresh client of ${name} loads the whole history, each message as sent`, async () => {
      const fresh = await startTeamChatClient(server.baseUrl, accounts[index] as Account);
      try {
        await fresh.history(groupId);
        for (let more = true; more; ) more = (await fresh.loadOlder(groupId)).hasMore;
        const messages = await fresh.history(groupId);
        const broken = messages.filter((m) => m.status !== 'ok');
        assert.deepEqual(broken.map((m) => `${m.seq} ${m.status}: ${m.problem ?? ''}`), []);
        assert.equal(messages.length, expected.size);
        for (const m of messages) {
          const sent = expected.get(m.msgId);
          assert.ok(sent, `message ${m.seq} was not sent by the test`);
          assert.equal(m.body, sent.body, `body of ${m.seq}`);
          if (sent.snippet) assert.deepEqual({ path: m.snippet?.path, language: m.snippet?.language, code: m.snippet?.code }, sent.snippet);
        }
        const shown = fresh.messages(groupId).find((m) => m.msgId === target.msgId) ?? assert.fail('the target is gone');
        assert.deepEqual(new Set(Object.keys(shown.reactions ?? {})), reactions);
        for (const key of PROTOTYPE_KEYS) assert.deepEqual(shown.reactions?.[key], ['bob'], key);

        const stdout = new PassThrough();
        createOutput(false, stdout, new PassThrough()).result(messages, messages.flatMap(formatMessage));
        const printed = String(stdout.read());
        assert.deepEqual(terminalProblems(printed, messages.map((m) => `#${m.seq} `)), []);
      } finally {
        await fresh.disconnect();
      }
    });
  }
});
