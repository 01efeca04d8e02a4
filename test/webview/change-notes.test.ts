// Joins, leaves, removals and key rotations as quiet one-line notes between the messages,
// placed by time, and refreshed when the group's signed log grows.
import * as assert from 'node:assert/strict';
import { DidChangeGroup, DidChangeGroups, DidChangeSession, Requests, type GroupChangeView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;

const CHANGES: GroupChangeView[] = [
  { seq: 1, type: 'create', signer: 'alice', at: at(0) },
  { seq: 2, type: 'add', signer: 'alice', at: at(1), username: 'bob' },
  { seq: 3, type: 'add', signer: 'alice', at: at(1), username: 'carol' },
  { seq: 4, type: 'remove', signer: 'alice', at: at(5), username: 'carol' },
  { seq: 5, type: 'rotate', signer: 'alice', at: at(5), generation: 2, sealedTo: ['alice', 'bob'] },
];

describe('webview group changes in the timeline', () => {
  let mounted: MountedApp;
  const $ = (s: string) => mounted.$(s);
  /** The timeline as a reader sees it, top to bottom: messages and notes. */
  const timeline = () =>
    [...mounted.root.querySelectorAll('.message-log > .message, .message-log > .timeline-note')].map((el) =>
      el.classList.contains('timeline-note') ? `— ${el.querySelector('.note-text')?.textContent}` : el.querySelector('.body')?.textContent,
    );

  beforeEach(() => {
    mounted = mountChatApp();
  });
  afterEach(() => mounted.close());

  async function open(headSeq: number) {
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [group({ verification: { state: 'verified', headSeq } })] });
    ($('.group-item') as HTMLElement).click();
    const messages = [message(1, { sentAt: at(2), body: 'hi all' }), message(2, { sentAt: at(6), body: 'carol is gone' })];
    mounted.t.reply(Requests.openGroup, { group: group({ verification: { state: 'verified', headSeq } }), messages, hasMore: false });
    await settle();
  }

  it('shows who joined and who was removed between the messages, a removal and its new key as one note', async () => {
    await open(5);
    assert.deepEqual(mounted.t.postedWith(Requests.groupHistory).map((m) => m.params), [{ groupId: group().id }]);
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 5 }, entries: CHANGES });
    await settle();
    assert.deepEqual(timeline(), [
      '— alice created the group',
      '— alice added bob',
      '— alice added carol',
      'hi all',
      '— alice removed carol · key replaced',
      'carol is gone',
    ]);
    assert.equal($('.timeline-note time')?.getAttribute('datetime'), at(0));
  });

  it('adds a note when the group log grows, and the history view reuses the same load', async () => {
    await open(3);
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 3 }, entries: CHANGES.slice(0, 3) });
    await settle();
    assert.equal(mounted.root.querySelectorAll('.timeline-note').length, 3);

    mounted.notify(DidChangeGroup, { group: group({ verification: { state: 'verified', headSeq: 3 } }) });
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 1, 'nothing new in the log: no reload');
    mounted.notify(DidChangeGroup, { group: group({ verification: { state: 'verified', headSeq: 5 } }) });
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 2);
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 5 }, entries: CHANGES });
    await settle();
    assert.deepEqual(timeline().at(-2), '— alice removed carol · key replaced');

    const history = [...mounted.root.querySelectorAll('button, vscode-button')].find((b) => b.textContent === 'History') as HTMLElement;
    history.click();
    await settle();
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 2, 'the history view shows what was loaded');
    assert.equal(mounted.root.querySelectorAll('.change').length, 5);
  });

  it('has no notes for a group without a signed log', async () => {
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice' } });
    mounted.notify(DidChangeGroups, { groups: [group({ verification: { state: 'unverifiable' } })] });
    ($('.group-item') as HTMLElement).click();
    mounted.t.reply(Requests.openGroup, { group: group({ verification: { state: 'unverifiable' } }), messages: [message(1)], hasMore: false });
    await settle();
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 0);
    assert.equal($('.timeline-note'), null);
  });
});
