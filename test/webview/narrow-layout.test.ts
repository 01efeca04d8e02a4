// The chat header from 320 px up, driven by keyboard and clicks: the less frequent actions are
// in a "More group actions" menu (menu button pattern), the member list is behind a toggle that
// starts open when wide and closed when narrow, and a narrow panel's back button returns to the
// list of groups.
import * as assert from 'node:assert/strict';
import { Commands, DidChangeSession, Requests } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { keyboard, type Keyboard } from './support/keyboard';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

describe('webview header at any width', () => {
  let mounted: MountedApp;
  let $: MountedApp['$'];
  let keys: Keyboard;

  async function mount(width: number, isAdmin = true): Promise<void> {
    mounted = mountChatApp({ beforeMount: (window) => window.happyDOM.setViewport({ width, height: 700 }) });
    ({ $ } = mounted);
    keys = keyboard(mounted.dom.window);
    await mounted.openChat(group({ isAdmin }), [message(1)]);
  }
  afterEach(() => mounted.close());

  const menuItems = () => [...mounted.root.querySelectorAll<HTMLElement>('.overflow-menu [role="menuitem"]')];
  const active = () => mounted.dom.window.document.activeElement as unknown as HTMLElement | null;
  const actionsRun = () => mounted.t.postedWith(Commands.runAction).map((m) => m.params.action);

  it('keeps the group actions in a menu that the keyboard opens, walks, wraps and closes', async () => {
    await mount(1024);
    const trigger = $('.overflow-trigger')!;
    assert.equal(trigger.getAttribute('aria-expanded'), 'false');
    assert.ok(($('.overflow-menu') as HTMLElement).hidden);
    assert.deepEqual(menuItems().map((i) => i.textContent), ['History', 'Add member…', 'Rename group…', 'Set topic…', 'Notifications…', 'Rotate key', 'Leave group…', 'Delete group…']);

    trigger.focus();
    keys.press('ArrowDown');
    assert.equal(trigger.getAttribute('aria-expanded'), 'true');
    assert.equal(active()?.textContent, 'History', 'the first item has focus');
    keys.press('ArrowUp');
    assert.equal(active()?.textContent, 'Delete group…', 'up from the first wraps to the last');
    keys.press('Home');
    keys.press('ArrowDown');
    keys.press('ArrowDown');
    assert.equal(active()?.textContent, 'Rename group…');
    keys.press('Escape');
    assert.ok(($('.overflow-menu') as HTMLElement).hidden, 'Escape closes');
    assert.equal(active(), trigger, 'and gives focus back to the button');
    assert.deepEqual(actionsRun(), [], 'walking the menu runs nothing');

    trigger.click();
    menuItems().find((i) => i.textContent === 'Leave group…')!.click();
    assert.deepEqual(actionsRun(), ['leaveGroup']);
    assert.ok(($('.overflow-menu') as HTMLElement).hidden, 'choosing closes the menu');
  });

  it('offers a member only the actions a member has', async () => {
    await mount(1024, false);
    assert.deepEqual(menuItems().map((i) => i.textContent), ['History', 'Notifications…', 'Rotate key', 'Leave group…']);
  });

  it('closes the menu on a click elsewhere, without running anything', async () => {
    await mount(1024);
    $('.overflow-trigger')!.click();
    assert.equal($('.overflow-menu')!.hidden, false);
    $('.history')!.dispatchEvent(new mounted.dom.window.MouseEvent('mousedown', { bubbles: true }) as unknown as Event);
    assert.ok($('.overflow-menu')!.hidden);
    assert.deepEqual(actionsRun(), []);
  });

  it('shows the member list beside a wide chat until hidden, and says so on the toggle', async () => {
    await mount(1024);
    const toggle = $('.members-toggle')!;
    assert.equal(toggle.textContent, 'Members 2');
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    toggle.click();
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    assert.equal($('.members')!.dataset.open, 'false');
    toggle.click();
    assert.equal($('.members')!.dataset.open, 'true');
  });

  it('keeps the member list closed beside an editor (520 px) until asked, and Escape closes it', async () => {
    await mount(520);
    const toggle = $('.members-toggle')!;
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    toggle.click();
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal($('.members')!.dataset.open, 'true');
    ($('.members .link-button') as HTMLElement).focus();
    keys.press('Escape');
    assert.equal($('.members')!.dataset.open, 'false');
  });

  it('says which part shows, so a narrow panel shows the chat or the groups, and Back returns to the groups', async () => {
    await mount(400);
    const layout = $('.layout')!;
    assert.equal(layout.dataset.part, 'chat');
    ($('.back-to-groups') as HTMLElement).click();
    await settle();
    assert.equal(layout.dataset.part, 'groups');
    ($('.group-item') as HTMLButtonElement).click();
    mounted.t.reply(Requests.openGroup, { group: group(), messages: [message(1)], hasMore: false });
    await settle();
    assert.equal(layout.dataset.part, 'chat');
    mounted.notify(DidChangeSession, { session: { state: 'locked', username: 'alice' } });
    assert.equal(layout.dataset.part, 'welcome', 'locked, a narrow panel shows what to do, not an empty list');
    assert.match($('.part-welcome')!.textContent ?? '', /locked/i);
  });
});
