import assert from 'node:assert/strict';
import { inviteFromParts, inviteLink, InviteLinkError, parseInviteLink } from '../../../client/admin/invite-link';

const CODE = 'Ab3_-xYz0123456789abcdefghijklmn';
const partsOf = (link: string) => {
  const url = new URL(link);
  return { authority: url.host, path: url.pathname, query: url.search.slice(1) };
};

describe('invite links', () => {
  it('round-trips the server (normalized) and the code', () => {
    const link = inviteLink('https://chat.example.com/', CODE);
    assert.equal(link, `vscode://teamchat.teamchat/invite?server=https%3A%2F%2Fchat.example.com&code=${CODE}`);
    assert.deepEqual(inviteFromParts(partsOf(link)), { server: 'https://chat.example.com', code: CODE });
    assert.deepEqual(inviteFromParts(partsOf(inviteLink('http://127.0.0.1:8800', CODE))), { server: 'http://127.0.0.1:8800', code: CODE });
    assert.deepEqual(parseInviteLink(`  ${link} `), { server: 'https://chat.example.com', code: CODE }, 'pasted, with spaces around');
    for (const text of ['', 'not a link', CODE, `https://chat.example.com/invite?server=x&code=${CODE}`]) {
      assert.throws(() => parseInviteLink(text), /not a TeamChat invite link/, text);
    }
  });

  it('refuses what is not an invite link, a damaged code, and a server TeamChat cannot use (plain http off loopback)', () => {
    const good = partsOf(inviteLink('https://chat.example.com', CODE));
    const bad = [
      { ...good, authority: 'evil.extension' },
      { ...good, path: '/message' },
      { ...good, query: `server=https%3A%2F%2Fchat.example.com` },
      { ...good, query: `${good.query}&extra=1` },
      { ...good, query: `${good.query}${'x'.repeat(500)}` },
    ];
    for (const parts of bad) assert.throws(() => inviteFromParts(parts), /not a TeamChat invite link/, JSON.stringify(parts));
    assert.throws(() => inviteFromParts({ ...good, query: 'server=https%3A%2F%2Fchat.example.com&code=short' }), /damaged/);
    assert.throws(() => inviteFromParts({ ...good, query: `server=${encodeURIComponent('http://chat.example.com')}&code=${CODE}` }), InviteLinkError);
    assert.throws(() => inviteFromParts({ ...good, query: `server=${encodeURIComponent('https://user:pw@chat.example.com')}&code=${CODE}` }), /server address/);
  });
});
