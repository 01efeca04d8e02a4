// Message links name two ids and nothing else, and are read strictly: anything but exactly
// that shape is refused in words that do not repeat it.
import * as assert from 'node:assert/strict';
import { MessageLinkError, messageLink, messageRefFromParts, parseMessageLink } from '../../../extension/message-links';
import { SHORT_HOSTILE_STRINGS, markdownRuns } from '../../support/hostile-strings';

const ref = { groupId: '6f1c2a9e-1111-4222-8333-944455556666', msgId: '0123456789abcdef0123456789abcdef' };
const link = `vscode://teamchat.teamchat/message?group=${ref.groupId}&msg=${ref.msgId}`;

function refused(input: unknown, words = /not a TeamChat message link|names no valid/): void {
  assert.throws(
    () => parseMessageLink(input),
    (e: unknown) => {
      assert.ok(e instanceof MessageLinkError, `a MessageLinkError for ${JSON.stringify(input)}`);
      assert.match(e.message, words);
      if (typeof input === 'string' && input.length > 8) assert.ok(!e.message.includes(input), 'the words do not repeat the input');
      return true;
    },
  );
}

describe('host message links', () => {
  it('links to a message by its two ids, and reads the same ids back', () => {
    assert.equal(messageLink(ref), link);
    assert.deepEqual(parseMessageLink(link), ref);
    assert.deepEqual(parseMessageLink(`  ${link}\n`), ref, 'spaces around a pasted link do not matter');
    assert.deepEqual(parseMessageLink(`vscode://teamchat.teamchat/message?msg=${ref.msgId}&group=${ref.groupId}`), ref, 'in either order');
  });

  it("reads a link whatever the editor's scheme (Insiders, code-server, VSCodium)", () => {
    for (const scheme of ['vscode-insiders', 'code-oss', 'vscodium', 'VSCode']) assert.deepEqual(parseMessageLink(link.replace(/^vscode/, scheme)), ref);
  });

  it('refuses to make a link for something that is not a message id', () => {
    assert.throws(() => messageLink({ groupId: ref.groupId, msgId: 'hello world' }), MessageLinkError);
    assert.throws(() => messageLink({ groupId: '../../etc', msgId: ref.msgId }), MessageLinkError);
  });

  it('refuses anything that is not exactly a message link', () => {
    const almost = [
      '',
      'hello',
      ref.msgId,
      `https://teamchat.teamchat/message?group=${ref.groupId}&msg=${ref.msgId}x`,
      link.replace('teamchat.teamchat', 'evil.teamchat'),
      link.replace('teamchat.teamchat', 'someone@teamchat.teamchat'),
      link.replace('teamchat.teamchat', 'teamchat.teamchat:8080'),
      link.replace('/message', '/messages'),
      link.replace('/message', '/message/'),
      link.replace('/message', '/../message'),
      `${link}#top`,
      `${link}&msg=${ref.msgId}`,
      `${link}&text=hello`,
      `${link}&`,
      link.replace(`&msg=${ref.msgId}`, ''),
      link.replace('group=', 'group'),
      link.replace('?', ''),
      `${link}\n${link}`,
      `${link}${' '.repeat(200)}x`,
    ];
    for (const input of almost) refused(input);
    for (const input of [undefined, null, 42, {}, ['a'], { link }]) refused(input);
  });

  it('refuses a link whose ids are not ids: another case, percent-encoded, cut short, or with more around them', () => {
    const group = /names no valid group/;
    const msg = /names no valid message/;
    refused(link.replace(ref.groupId, ref.groupId.toUpperCase()), group);
    refused(link.replace(ref.groupId, ref.groupId.slice(0, 35)), group);
    refused(link.replace(ref.groupId, encodeURIComponent(`${ref.groupId}"`)), group);
    refused(link.replace(ref.msgId, ref.msgId.replace('a', '%61')), msg);
    refused(link.replace(ref.msgId, `${ref.msgId}0`), msg);
    refused(link.replace(ref.msgId, `${ref.msgId.slice(1)}g`), msg);
    refused(link.replace(ref.msgId, ''), msg);
  });

  it('refuses every hostile string in the group or the message place, and on its own', () => {
    const hostile = [...SHORT_HOSTILE_STRINGS, ...markdownRuns(300).map((r) => r.text)];
    for (const text of hostile) {
      refused(text);
      refused(link.replace(ref.groupId, () => text));
      refused(link.replace(ref.msgId, () => text));
    }
  });

  it('reads the parts of the URI VS Code hands its handler the same way', () => {
    const parts = { authority: 'teamchat.teamchat', path: '/message', query: `group=${ref.groupId}&msg=${ref.msgId}`, fragment: '' };
    assert.deepEqual(messageRefFromParts(parts), ref);
    // vscode.Uri decodes the query: an encoded separator must not slip a second value in.
    assert.throws(() => messageRefFromParts({ ...parts, query: `${parts.query}#x` }), MessageLinkError);
    assert.throws(() => messageRefFromParts({ ...parts, query: `${parts.query}&group=${ref.groupId}` }), MessageLinkError);
    assert.throws(() => messageRefFromParts({ ...parts, path: '/settings' }), MessageLinkError);
    assert.throws(() => messageRefFromParts({ ...parts, fragment: 'x' }), MessageLinkError);
    assert.throws(() => messageRefFromParts({ ...parts, query: 'x'.repeat(10_000) }), MessageLinkError);
  });
});
