// The message log's day separators and sender runs, through the whole panel: opening a chat,
// live messages, edits and deletes, and an older page loaded at the top.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, DidChangeGroups, DidChangeSession, Requests } from '../../common/webview-protocol';
import { dayLabel } from '../../webview/parts/timeline-grouping';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

/** A local time `daysAgo` days before today, at hh:mm. */
function at(daysAgo: number, hh: number, mm: number): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hh, mm).toISOString();
}

describe('webview timeline: day separators and sender runs', () => {
  let mounted: MountedApp;
  beforeEach(() => (mounted = mountChatApp()));
  afterEach(() => mounted.close());

  async function open(messages: ReturnType<typeof message>[], hasMore = false) {
    const { notify, t, $ } = mounted;
    notify(DidChangeSession, { session: { state: 'online', username: 'alice', serverUrl: 'https://chat.example.com' } });
    notify(DidChangeGroups, { groups: [group()] });
    ($('.group-item') as HTMLButtonElement).click();
    t.reply(Requests.openGroup, { group: group(), messages, hasMore });
    await settle();
  }

  /** The log as a list: "— label" for a separator, "seq" or "seq compact" for a message. */
  function shape(): string[] {
    return [...mounted.root.querySelectorAll('.message-log > .day-separator, .message-log > .message')].map((el) =>
      el.classList.contains('day-separator') ? `— ${el.textContent}` : `${(el as HTMLElement).dataset.seq}${el.classList.contains('compact') ? ' compact' : ''}`,
    );
  }

  it('puts a separator before each day and shows one header for a run of one sender within 5 minutes', async () => {
    const threeDaysAgo = dayLabel(at(3, 10, 0));
    await open([
      message(1, { sentAt: at(3, 10, 0) }),
      message(2, { sentAt: at(1, 10, 0) }),
      message(3, { sentAt: at(0, 9, 0) }),
      message(4, { sentAt: at(0, 9, 3) }),
      message(5, { sentAt: at(0, 9, 9) }),
      message(6, { sentAt: at(0, 9, 10), sender: 'alice', isMine: true }),
    ]);
    assert.deepEqual(shape(), [`— ${threeDaysAgo}`, '1', '— Yesterday', '2', '— Today', '3', '4 compact', '5', '6']);
    const compact = mounted.$('.message[data-seq="4"]')!;
    assert.match(compact.getAttribute('aria-label') ?? '', /^bob, \S/, 'a compact message still says who and when to a screen reader');
    assert.equal(compact.querySelector('header time')?.getAttribute('datetime'), at(0, 9, 3), 'its time is still there, as a small label');
    assert.equal(mounted.$('.day-separator')?.getAttribute('role'), 'separator');
  });

  it('keeps separators and runs right as messages arrive, are edited and are deleted', async () => {
    await open([message(1, { sentAt: at(1, 23, 0) }), message(3, { sentAt: at(0, 9, 0) })]);
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '3']);
    const { notify } = mounted;
    notify(DidArriveMessage, { groupId: group().id, message: message(4, { sentAt: at(0, 9, 2) }) });
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '3', '4 compact']);
    const todaySeparator = [...mounted.root.querySelectorAll('.day-separator')][1];
    // A message inserted between two others (it came late), from the same sender and day.
    notify(DidArriveMessage, { groupId: group().id, message: message(2, { sentAt: at(0, 8, 59) }) });
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '2', '3 compact', '4 compact']);
    assert.equal([...mounted.root.querySelectorAll('.day-separator')][1], todaySeparator, 'a separator still right is kept, not announced again');
    notify(DidArriveMessage, { groupId: group().id, message: message(3, { sentAt: at(0, 9, 0), body: 'fixed', edited: true }) });
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '2', '3 compact', '4 compact']);
    notify(DidArriveMessage, { groupId: group().id, message: message(2, { sentAt: at(0, 8, 59), deleted: true, body: '' }) });
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '2', '3 compact', '4 compact']);
    notify(DidArriveMessage, { groupId: group().id, message: message(5, { sentAt: at(0, 9, 4), sender: 'carol' }) });
    assert.deepEqual(shape(), ['— Yesterday', '1', '— Today', '2', '3 compact', '4 compact', '5']);
  });

  it('regroups when an older page is loaded at the top, with no separator twice', async () => {
    await open([message(50, { sentAt: at(0, 9, 0) }), message(51, { sentAt: at(0, 9, 1) })], true);
    assert.deepEqual(shape(), ['— Today', '50', '51 compact']);
    const history = mounted.$('.history')!;
    history.scrollTop = 0;
    history.dispatchEvent(new mounted.dom.window.Event('scroll') as unknown as Event);
    mounted.t.reply(Requests.loadOlder, { messages: [message(48, { sentAt: at(1, 18, 0) }), message(49, { sentAt: at(0, 8, 58) })], hasMore: false });
    await settle();
    assert.deepEqual(shape(), ['— Yesterday', '48', '— Today', '49', '50 compact', '51 compact']);
  });

  it('names a day "Today", "Yesterday" or by weekday and date (en-US), with the year only when it is not this one', () => {
    const now = new Date(2026, 11, 2, 8, 0);
    assert.equal(dayLabel(new Date(2026, 11, 2, 0, 1).toISOString(), now), 'Today');
    assert.equal(dayLabel(new Date(2026, 11, 1, 23, 59).toISOString(), now), 'Yesterday');
    assert.equal(dayLabel(new Date(2026, 10, 30, 12, 0).toISOString(), now), 'Monday, November 30');
    assert.equal(dayLabel(new Date(2025, 11, 30, 12, 0).toISOString(), now), 'Tuesday, December 30, 2025');
  });
});
