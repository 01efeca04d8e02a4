// The chat header's topic line and its admin buttons: the topic is an admin's text, shown as
// text on one line (the whole of it in the tooltip), never as markup, whatever it holds.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Commands, DidChangeGroup, type GroupDetailView } from '../../common/webview-protocol';
import { describeChange } from '../../webview/render/group-change';
import { changeNotes } from '../../webview/render/change-note';
import { SHORT_HOSTILE_STRINGS } from '../support/hostile-strings';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group } from './support/views';

describe('webview chat header: topic and rename', () => {
  let mounted: MountedApp;
  const $ = (s: string) => mounted.$(s);
  const buttons = () => [...mounted.root.querySelectorAll('.chat-toolbar [role="menuitem"]')].map((b) => b.textContent);

  beforeEach(() => {
    mounted = mountChatApp();
  });
  afterEach(() => mounted.close());

  async function open(over: Partial<GroupDetailView> = {}) {
    await mounted.openChat(group(over), []);
  }

  it('shows the topic as one line under the title, with all of it in the tooltip, and hides the line with no topic', async () => {
    await open({ topic: 'Deploys on Tuesday; freeze from Friday' });
    const topic = $('.chat-header .chat-topic')!;
    assert.equal(topic.textContent, 'Deploys on Tuesday; freeze from Friday');
    assert.equal(topic.title, 'Deploys on Tuesday; freeze from Friday');
    assert.equal(topic.hidden, false);
    assert.equal(topic.previousElementSibling, $('.chat-title')?.parentElement, 'right under the title');
    mounted.notify(DidChangeGroup, { group: group({ topic: '' }) });
    assert.equal(topic.hidden, true);
    assert.equal(topic.textContent, '');
    // One line, cut with an ellipsis: happy-dom lays nothing out, so the rule itself is checked.
    const rule = /\.chat-topic \{([^}]*)\}/.exec(readFileSync(path.join(__dirname, '../../webview/styles.css'), 'utf8'))?.[1] ?? '';
    for (const declaration of ['white-space: nowrap', 'overflow: hidden', 'text-overflow: ellipsis']) assert.ok(rule.includes(declaration), declaration);
  });

  it('puts hostile topic text in as text: no element, no attribute but the tooltip, nothing run', async () => {
    await open();
    const topic = $('.chat-topic')!;
    for (const text of [...SHORT_HOSTILE_STRINGS, '<img src=x onerror="globalThis.pwned=1">', '<b>bold</b>&amp;', '"><script>globalThis.pwned=1</script>']) {
      mounted.notify(DidChangeGroup, { group: group({ topic: text }) });
      assert.equal(topic.textContent, text);
      assert.equal(topic.title, text);
      assert.equal(topic.children.length, 0, JSON.stringify(text));
      assert.deepEqual(topic.getAttributeNames().sort(), text ? ['class', 'title'] : ['class', 'hidden', 'title'], JSON.stringify(text));
    }
    await settle();
    assert.equal((mounted.dom.window as unknown as { pwned?: number }).pwned, undefined);
    assert.equal($('.chat-title')?.textContent, group().name, 'the title is untouched');
  });

  it('gives admins Rename and Set topic in the group menu, which run the commands for this group; members get neither', async () => {
    await open();
    assert.ok(buttons().includes('Rename group…') && buttons().includes('Set topic…'), buttons().join(', '));
    for (const [label, action] of [['Rename group…', 'renameGroup'], ['Set topic…', 'setTopic']] as const) {
      ($('.overflow-trigger') as HTMLElement).click();
      ([...mounted.root.querySelectorAll('.chat-toolbar [role="menuitem"]')].find((b) => b.textContent === label) as HTMLElement).click();
      assert.deepEqual(mounted.t.postedWith(Commands.runAction).at(-1)?.params, { action, groupId: group().id });
    }
    mounted.notify(DidChangeGroup, { group: group({ isAdmin: false }) });
    assert.ok(!buttons().includes('Rename group…') && !buttons().includes('Set topic…'), buttons().join(', '));
  });

  it('tells renames and topics in the timeline as quiet notes', () => {
    const at = '2026-11-25T10:00:00.000Z';
    const notes = changeNotes([
      { seq: 3, type: 'rename', signer: 'alice', at, name: 'ops team' },
      { seq: 4, type: 'topic', signer: 'alice', at, topic: 'On call: bob' },
      { seq: 5, type: 'topic', signer: 'bob', at, topic: '' },
    ]);
    assert.deepEqual(notes.map((n) => [n.type, n.text]), [
      ['rename', 'alice renamed the group to ops team'],
      ['topic', 'alice set the topic: On call: bob'],
      ['topic', 'bob cleared the topic'],
    ]);
    assert.equal(describeChange({ seq: 6, type: 'rename', signer: 'carol', at, name: '<b>x</b>' }), 'carol renamed the group to <b>x</b>');
  });
});
