// The typing line, presence dots and "Seen by" in the panel, driven by the host's
// DidChangeAwareness as the extension sends it. Names are member text: textContent only.
import * as assert from 'node:assert/strict';
import { Commands, DidArriveMessage, DidChangeAwareness, DidChangeGroup, type AwarenessView } from '../../common/webview-protocol';
import { TYPING_LINE_MS, TypingLine, typingText } from '../../webview/parts/typing-line';
import { newDom, settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const GROUP = group();
const three = group({
  memberCount: 4,
  members: [
    { username: 'alice', isAdmin: true, isMe: true, keyTrust: 'pinned' },
    { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'pinned' },
    { username: 'carol', isAdmin: false, isMe: false, keyTrust: 'pinned' },
    { username: 'dave', isAdmin: false, isMe: false, keyTrust: 'pinned' },
  ],
});
const awareness = (over: Partial<AwarenessView> = {}): AwarenessView => ({ groupId: GROUP.id, typing: [], presence: [], reads: [], ...over });

describe('webview typing line', () => {
  it('names one or two typers and counts more', () => {
    assert.equal(typingText([]), '');
    assert.equal(typingText(['bob']), 'bob is typing…');
    assert.equal(typingText(['bob', 'carol']), 'bob and carol are typing…');
    assert.equal(typingText(['bob', 'carol', 'dave']), 'several people are typing…');
  });

  it('goes by itself a few seconds after the last word from the host', async () => {
    const dom = newDom();
    const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
    const line = new TypingLine(dom.document, (ms, run) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    });
    line.show(['bob']);
    line.show(['bob', 'carol']);
    assert.equal(line.element.textContent, 'bob and carol are typing…');
    assert.deepEqual(timers.map((t) => [t.ms, t.cancelled]), [[TYPING_LINE_MS, true], [TYPING_LINE_MS, false]]);
    timers[1]!.run();
    assert.equal(line.element.hidden, true);
    assert.equal(line.element.textContent, '');
    await dom.close();
  });
});

describe('webview presence and read state', () => {
  let mounted: MountedApp;
  const $ = (s: string) => mounted.$(s);
  beforeEach(() => {
    mounted = mountChatApp();
  });
  afterEach(() => mounted.close());

  it('shows who is typing above the composer with names as text, and only for the open group', async () => {
    await mounted.openChat(GROUP, [message(1)]);
    const hostile = '<img src=x onerror="alert(1)">\u202eevil';
    mounted.notify(DidChangeAwareness, { awareness: awareness({ typing: [hostile] }) });
    const line = $('.typing-line')!;
    assert.equal(line.textContent, `${hostile} is typing…`);
    assert.equal(line.querySelector('*'), null, 'no markup from a name');
    assert.ok(line.compareDocumentPosition($('.composer')!) & mounted.dom.window.Node.DOCUMENT_POSITION_FOLLOWING, 'above the composer');
    mounted.notify(DidChangeAwareness, { awareness: awareness({ groupId: '00000000-0000-4000-8000-000000000000', typing: ['mallory'] }) });
    assert.equal(line.hidden, true, 'another group says nothing about this one');
    mounted.notify(DidChangeAwareness, { awareness: awareness({ typing: [] }) });
    assert.equal(line.hidden, true);
  });

  it('tells the host of keystrokes in the composer, and when it is empty again', async () => {
    await mounted.openChat(GROUP, [message(1)]);
    const field = $('.composer vscode-textarea') as HTMLElement & { value: string };
    field.value = 'h';
    field.dispatchEvent(new mounted.dom.window.Event('input', { bubbles: true }) as unknown as Event);
    field.value = '';
    field.dispatchEvent(new mounted.dom.window.Event('input', { bubbles: true }) as unknown as Event);
    assert.deepEqual(mounted.t.postedWith(Commands.typing).map((m) => m.params), [{ groupId: GROUP.id, empty: false }, { groupId: GROUP.id, empty: true }]);
  });

  it('puts a presence dot by each member, and by the title of a two-person group, and keeps them over a member list update', async () => {
    await mounted.openChat(GROUP, [message(1)]);
    mounted.notify(DidChangeAwareness, { awareness: awareness({ presence: [{ username: 'bob', presence: 'away' }] }) });
    const dotOf = (username: string) => $(`.member[data-username="${username}"] > .presence-dot`)!.dataset.presence;
    assert.equal(dotOf('bob'), 'away');
    assert.equal(dotOf('alice'), 'offline');
    assert.equal($('.chat-title-line > .presence-dot')!.dataset.presence, 'away');
    mounted.notify(DidChangeGroup, { group: { ...GROUP, topic: 'now with a topic' } });
    assert.equal(dotOf('bob'), 'away', 'the list was drawn again, the dot came back');
    assert.equal(mounted.root.querySelectorAll('.chat-title-line > .presence-dot').length, 1);
    mounted.notify(DidChangeAwareness, { awareness: awareness({ presence: [{ username: 'bob', presence: 'online' }] }) });
    assert.equal(dotOf('bob'), 'online');
    assert.equal($('.chat-title-line > .presence-dot')!.dataset.presence, 'online');
  });

  it('has no title dot in a larger group', async () => {
    await mounted.openChat(three, [message(1)]);
    mounted.notify(DidChangeAwareness, { awareness: awareness({ presence: [{ username: 'bob', presence: 'online' }] }) });
    assert.equal($('.chat-title-line > .presence-dot'), null);
    assert.equal($('.member[data-username="bob"] > .presence-dot')!.dataset.presence, 'online');
  });

  it('says "Seen by" under the last message for those whose position reaches it, not the sender, and moves with new messages', async () => {
    await mounted.openChat(three, [message(1, { sender: 'alice', isMine: true }), message(2, { sender: 'bob' })]);
    mounted.notify(DidChangeAwareness, {
      awareness: awareness({ reads: [{ username: 'bob', seq: 2 }, { username: 'carol', seq: 2 }, { username: 'dave', seq: 1 }] }),
    });
    const seen = $('.seen-by')!;
    assert.equal(seen.textContent, 'Seen by carol', 'bob sent it; dave is behind');
    assert.match(seen.title, /server says/);
    assert.equal(seen.previousElementSibling?.classList.contains('message-log'), true, 'right under the messages');
    mounted.notify(DidArriveMessage, { groupId: GROUP.id, message: message(3, { sender: 'alice', isMine: true }) });
    await settle();
    assert.equal(seen.hidden, true, 'nobody has read the new one yet');
    // A claim past the last message marks only the last message shown: it invents none.
    mounted.notify(DidChangeAwareness, { awareness: awareness({ reads: [{ username: 'bob', seq: 1_000_000 }, { username: 'carol', seq: 3 }] }) });
    assert.equal(seen.textContent, 'Seen by bob, carol');
    assert.equal(mounted.root.querySelectorAll('.seen-by').length, 1);
  });

  it('shows no "Seen by" in a group of more than ten', async () => {
    const members = Array.from({ length: 11 }, (_, i) => ({ username: i === 0 ? 'alice' : `m${i}`, isAdmin: i === 0, isMe: i === 0, keyTrust: 'pinned' as const }));
    await mounted.openChat(group({ members, memberCount: 11 }), [message(1)]);
    mounted.notify(DidChangeAwareness, { awareness: awareness({ reads: [{ username: 'm2', seq: 1 }] }) });
    assert.equal($('.seen-by')!.hidden, true);
  });
});
