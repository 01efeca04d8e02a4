// The panel's side of verifiable groups, driven like a person: the header mark, the banner
// when the signed history fails, the note and "Start signed log" for older groups, the group
// history view, and each member's key trust.
import * as assert from 'node:assert/strict';
import { DidChangeGroup, DidChangeGroups, DidChangeSession, Requests, type GroupChangeView, type GroupDetailView } from '../../common/webview-protocol';
import { describeChange } from '../../webview/render/group-change';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const FORK = 'Another member was shown a different history of this group (a fork). Do not add or remove anyone, and compare the group history with an admin.';

const CHANGES: GroupChangeView[] = [
  { seq: 1, type: 'create', signer: 'alice', at: '2026-11-20T09:00:00.000Z' },
  { seq: 2, type: 'add', signer: 'alice', at: '2026-11-20T09:01:00.000Z', username: 'bob' },
  { seq: 3, type: 'promote', signer: 'alice', at: '2026-11-21T10:00:00.000Z', username: 'bob' },
  { seq: 4, type: 'add', signer: 'bob', at: '2026-11-22T11:00:00.000Z', username: 'carol' },
  { seq: 5, type: 'remove', signer: 'alice', at: '2026-11-23T12:00:00.000Z', username: 'carol' },
  { seq: 6, type: 'rotate', signer: 'alice', at: '2026-11-23T12:00:01.000Z', generation: 2, sealedTo: ['alice', 'bob'] },
];

describe('webview group verification', () => {
  let mounted: MountedApp;
  let $: MountedApp['$'];

  beforeEach(() => {
    mounted = mountChatApp();
    ({ $ } = mounted);
  });
  afterEach(() => mounted.close());

  async function open(g: GroupDetailView) {
    mounted.notify(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
    mounted.notify(DidChangeGroups, { groups: [g] });
    $('.group-item')!.click();
    mounted.t.reply(Requests.openGroup, { group: g, messages: [message(1)], hasMore: false });
    await settle();
  }

  function buttonNamed(label: string): HTMLElement | undefined {
    return [...mounted.root.querySelectorAll<HTMLElement>('button, vscode-button')].find((b) => b.textContent === label && !b.closest('[hidden]'));
  }

  it('marks a verified group in its header and shows no banner', async () => {
    await open(group());
    assert.equal($('.chat-header .verification-mark')?.textContent, '✓ verified');
    assert.ok($('.verification-banner')?.hidden);
    assert.ok($('.unverifiable-note')?.hidden);
  });

  it('shows an alert with what went wrong and what to do when the signed history fails', async () => {
    await open(group({ verification: { state: 'failed', reason: 'fork', problem: FORK } }));
    const banner = $('.verification-banner')!;
    assert.equal(banner.hidden, false);
    assert.equal(banner.getAttribute('role'), 'alert');
    assert.match(banner.textContent ?? '', /did not verify/);
    assert.equal(banner.querySelector('.banner-problem')?.textContent, FORK);
    assert.equal($('.chat-header .verification-mark')?.textContent, '⚠ not verified');
    assert.match($('.group-item')?.textContent ?? '', /not verified/, 'the group list says so too');

    mounted.notify(DidChangeGroup, { group: group({ verification: { state: 'verified', headSeq: 7 } }) });
    assert.ok($('.verification-banner')?.hidden, 'the banner goes once the group verifies again');
  });

  it('shows the server’s words as text, never as markup', async () => {
    const problem = 'the server lists <img src=x onerror="alert(1)"> as member(s), but the group log does not';
    await open(group({ verification: { state: 'disputed', reason: 'server-disagrees', problem } }));
    const banner = $('.verification-banner')!;
    assert.equal(banner.querySelector('img'), null);
    assert.equal(banner.querySelector('.banner-problem')?.textContent, problem);
    assert.match(banner.textContent ?? '', /server's view of this group differs/);
  });

  it('offers "Start signed log" to an admin of an older group, and sends the request', async () => {
    await open(group({ verification: { state: 'unverifiable' } }));
    const note = $('.unverifiable-note')!;
    assert.equal(note.hidden, false);
    assert.equal(note.getAttribute('role'), 'note');
    assert.ok($('.verification-banner')?.hidden, 'an older group is not an alarm');
    assert.equal($('.chat-header .verification-mark')?.textContent, 'not verifiable');
    buttonNamed('Start signed log')!.click();
    assert.deepEqual(mounted.t.postedWith(Requests.startLog).map((m) => m.params), [{ groupId: group().id }]);
    mounted.t.reply(Requests.startLog, undefined);
    await settle();
    mounted.notify(DidChangeGroup, { group: group({ verification: { state: 'verified', headSeq: 1 } }) });
    assert.ok($('.unverifiable-note')?.hidden);
    assert.equal(buttonNamed('Start signed log'), undefined);
  });

  it('shows why starting the log was refused, beside the button', async () => {
    await open(group({ verification: { state: 'unverifiable' } }));
    buttonNamed('Start signed log')!.click();
    mounted.t.replyError(Requests.startLog, 'Only an admin of backend can start its signed log.');
    await settle();
    assert.equal($('.unverifiable-note [role="alert"]')?.textContent, 'Only an admin of backend can start its signed log.');
  });

  it('gives members of an older group the note but no button', async () => {
    await open(group({ isAdmin: false, verification: { state: 'unverifiable' } }));
    assert.equal($('.unverifiable-note')?.hidden, false);
    assert.match($('.unverifiable-note')?.textContent ?? '', /An admin of the group can start/);
    assert.equal(buttonNamed('Start signed log'), undefined);
  });

  it('opens the group history: who added, removed and promoted whom, newest first, with the state on top', async () => {
    await open(group({ verification: { state: 'verified', headSeq: 6 } }));
    buttonNamed('History')!.click();
    assert.deepEqual(mounted.t.postedWith(Requests.groupHistory).map((m) => m.params), [{ groupId: group().id }]);
    assert.ok($('.chat-main')?.hidden, 'the history takes the messages’ place');
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 6 }, entries: CHANGES });
    await settle();
    assert.equal($('.history-title')?.textContent, 'History of backend');
    assert.match($('.history-state')?.textContent ?? '', /verified on this device \(6 changes/);
    const lines = [...mounted.root.querySelectorAll('.change .change-text')].map((li) => li.textContent);
    assert.deepEqual(lines, [
      'alice replaced the group key (key 2) for alice, bob',
      'alice removed carol',
      'bob added carol',
      'alice made bob admin',
      'alice added bob',
      'alice created the group',
    ]);
    assert.equal($('.change time')?.getAttribute('datetime'), CHANGES[5]!.at);

    buttonNamed('Back to chat')!.click();
    assert.equal($('.chat-main')?.hidden, false);
    assert.ok($('.group-history')?.hidden);
  });

  it('says in the history view when the signed history failed', async () => {
    await open(group({ verification: { state: 'failed', reason: 'rollback', problem: 'The server sent an older history than this device verified (a rollback).' } }));
    buttonNamed('Show history')!.click();
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'failed', reason: 'rollback', problem: 'The server sent an older history than this device verified (a rollback).' }, entries: CHANGES.slice(0, 2) });
    await settle();
    const state = $('.history-state')!;
    assert.ok(state.classList.contains('history-failed'));
    assert.match(state.textContent ?? '', /did not verify\. The server sent an older history/);
    assert.equal(mounted.root.querySelectorAll('.change').length, 2);
  });

  it('reloads an open history when the group log grows', async () => {
    await open(group({ verification: { state: 'verified', headSeq: 2 } }));
    buttonNamed('History')!.click();
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 2 }, entries: CHANGES.slice(0, 2) });
    await settle();
    mounted.notify(DidChangeGroup, { group: group({ unread: 1, verification: { state: 'verified', headSeq: 2 } }) });
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 1, 'nothing new in the log: no reload');
    mounted.notify(DidChangeGroup, { group: group({ verification: { state: 'verified', headSeq: 3 } }) });
    assert.equal(mounted.t.postedWith(Requests.groupHistory).length, 2);
    mounted.t.reply(Requests.groupHistory, { verification: { state: 'verified', headSeq: 3 }, entries: CHANGES.slice(0, 3) });
    await settle();
    assert.equal($('.change .change-text')?.textContent, 'alice made bob admin');
  });

  it('labels each member’s keys: verified by safety number, pinned only, or changed', async () => {
    await open(group({
      members: [
        { username: 'alice', isAdmin: true, isMe: true, keyTrust: 'verified' },
        { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'verified' },
        { username: 'carol', isAdmin: false, isMe: false, keyTrust: 'pinned' },
        { username: 'dave', isAdmin: false, isMe: false, keyTrust: 'changed' },
      ],
    }));
    const trustOf = (u: string) => $(`.member[data-username="${u}"]`)?.querySelector('.key-trust, .key-changed')?.textContent;
    assert.equal(trustOf('alice'), undefined, 'no trust mark on yourself');
    assert.equal(trustOf('bob'), 'verified by safety number');
    assert.equal(trustOf('carol'), 'pinned only');
    assert.match(trustOf('dave') ?? '', /keys changed/);
  });

  it('describes every kind of change in words', () => {
    const at = '2026-11-20T09:00:00.000Z';
    assert.equal(describeChange({ seq: 1, type: 'start', signer: 'alice', at, generation: 3 }), 'alice started the signed log at key 3');
    assert.equal(describeChange({ seq: 2, type: 'leave', signer: 'bob', at }), 'bob left');
    assert.equal(describeChange({ seq: 3, type: 'demote', signer: 'alice', at, username: 'bob' }), 'alice took admin from bob');
    assert.equal(describeChange({ seq: 4, type: 'delete', signer: 'alice', at }), 'alice deleted the group');
  });
});
