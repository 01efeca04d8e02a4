import * as assert from 'node:assert/strict';
import type { SharedDiff } from '../../common/messages/shared-diff';
import type { ChatMessageView } from '../../common/webview-protocol';
import { toDiffView } from '../../extension/diffs/diff-views';
import { renderMessage } from '../../webview/render/message';
import { newDom } from './support/dom';
import { message } from './support/views';

const PATCH = [
  'diff --git a/src/retry.ts b/src/retry.ts', '--- a/src/retry.ts', '+++ b/src/retry.ts', '@@ -4,3 +4,4 @@',
  '     } catch (e) {', '       if (i >= times) throw e;', '+      await sleep(2 ** i * 100); // "back off"', '     }', '',
].join('\n');

function shared(over: Partial<SharedDiff> = {}): SharedDiff {
  return { source: 'working', label: 'working tree of src/retry.ts', files: [{ path: 'src/retry.ts', status: 'modified', added: 1, removed: 0 }], patch: PATCH, ...over };
}

describe('a shared diff in the panel', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  const clicked: string[] = [];
  const actions = { openSnippet: () => undefined, diff: { openDiff: (m: ChatMessageView) => clicked.push(`open ${m.msgId}`), applyDiff: (m: ChatMessageView) => clicked.push(`apply ${m.msgId}`) } };
  const render = (view: ChatMessageView) => renderMessage(dom.document, view, 'alice', actions);

  it('shows the label, the file list with +/- counts, and the lines coloured on +/- backgrounds', () => {
    const el = render(message(1, { body: 'look', diff: toDiffView(shared(), undefined) }));
    assert.equal(el.querySelector('.diff-label')?.textContent, 'working tree of src/retry.ts');
    assert.equal(el.querySelector('.diff-summary')?.textContent, '1 file');
    assert.deepEqual([...el.querySelectorAll('.diff-caption .diff-added, .diff-caption .diff-removed')].map((e) => e.textContent), ['+1', '−0']);
    const file = el.querySelector('.diff-file') as HTMLElement;
    assert.equal(file.dataset.path, 'src/retry.ts');
    assert.equal(file.querySelector('.diff-status')?.textContent, 'M');
    assert.equal(file.querySelector('.diff-hunk')?.textContent, '@@ -4,3 +4,4 @@');
    const added = file.querySelector('.diff-add') as HTMLElement;
    assert.equal(added.textContent, '+      await sleep(2 ** i * 100); // "back off"');
    assert.ok(added.querySelector('.tok-keyword, .tok-number, .tok-comment'), 'syntax colours from the file\'s extension');
    assert.equal(file.querySelectorAll('.diff-ctx').length, 3);
    assert.equal(el.querySelector('.body p')?.textContent, 'look', 'the comment below the card');
  });

  it('"Open diff" and "Apply" go to the host with the message', () => {
    clicked.length = 0;
    const el = render(message(7, { diff: toDiffView(shared(), undefined) }));
    (el.querySelector('.diff-open') as HTMLElement).click();
    (el.querySelector('.diff-apply') as HTMLElement).click();
    assert.deepEqual(clicked, [`open ${message(7).msgId}`, `apply ${message(7).msgId}`]);
  });

  it('a long diff shows its file list collapsed, and renders a file only when opened', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `+line ${i}`);
    const patch = `--- a/a.txt\n+++ b/a.txt\n@@ -0,0 +1,80 @@\n${lines.join('\n')}\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-x\n+y\n`;
    const el = render(message(2, { diff: toDiffView(shared({ patch }), undefined) }));
    assert.equal(el.querySelectorAll('.diff-file').length, 2);
    assert.equal(el.querySelector('.diff-lines'), null, 'nothing rendered while collapsed');
    const toggle = el.querySelector('.diff-file-toggle') as HTMLElement;
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    toggle.click();
    assert.equal(el.querySelectorAll('.diff-file')[0]?.querySelectorAll('.diff-add').length, 80);
    toggle.click();
    assert.equal((el.querySelector('.diff-lines') as HTMLElement).hidden, true);
  });

  it('reads the file list from the inline patch, not from a sender\'s summary that disagrees', () => {
    const lying = shared({ files: [{ path: 'README.md', status: 'modified', added: 1, removed: 0 }] });
    const view = toDiffView(lying, undefined);
    assert.deepEqual(view.files.map((f) => [f.path, f.added, f.removed]), [['src/retry.ts', 1, 0]]);
  });

  it('a diff carried as a file shows the sender\'s file list and says Open diff or Apply fetches it', () => {
    const { patch: _p, ...rest } = shared();
    const file = { id: 'a'.repeat(32), key: 'k', sha256: 'b'.repeat(64), name: 'changes.diff', type: 'text/x-diff', size: 120_000, chunkSize: 262144, chunks: 1 };
    const el = render(message(3, { diff: toDiffView(rest, file) }));
    assert.match(el.querySelector('.diff-attached')?.textContent ?? '', /encrypted attachment \(117 KiB\)/);
    assert.equal((el.querySelector('.diff-file-toggle') as HTMLButtonElement).disabled, true);
    assert.equal(el.querySelector('.file-card'), null, 'not shown as a plain file');
    assert.equal(JSON.stringify(toDiffView(rest, file)).includes('"k"'), false, 'the file key never reaches the view');
  });

  it('hostile text stays text: markup in paths and lines, and a huge hunk stays within an element budget', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const patch = `--- a/${evil}.ts\n+++ b/${evil}.ts\n@@ -1 +1,1200 @@\n-${evil}\n${Array.from({ length: 1200 }, () => `+"${evil}" + 1 // x`).join('\n')}\n`;
    const started = Date.now();
    const el = render(message(4, { diff: toDiffView(shared({ label: `label ${evil}`, patch }), undefined) }));
    (el.querySelector('.diff-file-toggle') as HTMLElement).click();
    const ms = Date.now() - started;
    assert.ok(ms < 10_000, `renders in bounded time: ${ms} ms`);
    assert.equal(el.querySelector('img, script'), null);
    assert.ok(el.querySelector('.diff-path')?.textContent?.includes(evil));
    assert.ok(el.querySelectorAll('*').length < 3_200, `bounded elements: ${el.querySelectorAll('*').length}`);
    assert.ok((el.querySelector('.diff-lines')?.textContent ?? '').includes(`+"${evil}" + 1 // x`), 'every line still shown, as text');
  });

  it('a deleted diff message shows no card', () => {
    const el = render(message(5, { deleted: true, body: '', diff: undefined }));
    assert.equal(el.querySelector('.diff-card'), null);
  });
});
