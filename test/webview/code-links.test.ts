// Code links in the panel: src/a.ts:3, a commit hash and #12 in a message (in plain text and
// in `code` alike) become links whose title says what a click does; a click sends the host
// only the checked target. Hostile text stays text, bounded, and nothing it holds becomes markup.
import * as assert from 'node:assert/strict';
import { MAX_CODE_LINKS } from '../../common/code/code-links';
import { Commands } from '../../common/webview-protocol';
import { renderMessage, type MessageActions } from '../../webview/render/message';
import { markdownRuns, PROTOTYPE_KEYS, SHORT_HOSTILE_STRINGS } from '../support/hostile-strings';
import { newDom, settle } from './support/dom';
import { mountChatApp } from './support/mounted-app';
import { message } from './support/views';

const noop = () => undefined;
const actions: MessageActions = { openSnippet: noop };

describe('webview code links', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());
  const render = (body: string) => renderMessage(dom.document, message(1, { body }), 'alice', actions);
  const links = (article: HTMLElement) => [...article.querySelectorAll<HTMLElement>('.code-link')];

  it('links a path:line, a commit and #12 in text and in inline code, each titled with what a click does', () => {
    const article = render('see src/retry.ts:4-6 and a1b2c3d4, `lib/x.py:9` or (#12).\n- item web/app.ts#L3');
    const found = links(article).map((l) => ({ text: l.textContent, kind: l.dataset.kind, title: l.title, tag: l.tagName, inCode: l.parentElement?.tagName === 'CODE' }));
    assert.deepEqual(found, [
      { text: 'src/retry.ts:4-6', kind: 'path', title: 'Open src/retry.ts at line 4-6 in your workspace', tag: 'BUTTON', inCode: false },
      { text: 'a1b2c3d4', kind: 'commit', title: 'Show commit a1b2c3d4 from your repositories', tag: 'BUTTON', inCode: false },
      { text: 'lib/x.py:9', kind: 'path', title: 'Open lib/x.py at line 9 in your workspace', tag: 'BUTTON', inCode: true },
      { text: '#12', kind: 'issue', title: "Open issue or pull request #12 on your repository's host", tag: 'BUTTON', inCode: false },
      { text: 'web/app.ts#L3', kind: 'path', title: 'Open web/app.ts at line 3 in your workspace', tag: 'BUTTON', inCode: false },
    ]);
    assert.equal(article.querySelector('.body')?.textContent, 'see src/retry.ts:4-6 and a1b2c3d4, lib/x.py:9 or (#12).item web/app.ts#L3', 'no character lost or added');
  });

  it('links nothing in a URL, a fenced code block, a markdown link, or a bold span, and leaves snake_case paths whole', () => {
    const article = render('https://github.com/o/r/commit/a1b2c3d4 [a1b2c3d4](https://x.y/) **src/a.ts:1**\n```\nsrc/b.ts:2 a1b2c3d4\n```');
    assert.deepEqual(links(article), []);
    const snake = render('look at src/my_file_name.py:3 _and this_');
    assert.deepEqual(links(snake).map((l) => l.textContent), ['src/my_file_name.py:3']);
    assert.deepEqual([...snake.querySelectorAll('em')].map((e) => e.textContent), ['and this'], 'emphasis with _ still works between words');
  });

  it('sends the host the checked target on a click, and nothing for a link whose data was tampered with', async () => {
    const m = mountChatApp();
    try {
      await m.openChat(undefined, [message(1, { body: 'see src/retry.ts:4 and a1b2c3d4 or #12' })]);
      const [path, commit, issue] = [...m.root.querySelectorAll<HTMLElement>('.message .code-link')];
      path!.click();
      commit!.click();
      issue!.click();
      // A page script cannot run in the panel (CSP), but the host checks again anyway.
      path!.dataset.path = '../../etc/passwd';
      path!.click();
      await settle();
      assert.deepEqual(m.t.postedWith(Commands.openCodeLink).map((c) => c.params), [
        { target: { kind: 'path', path: 'src/retry.ts', line: 4 } },
        { target: { kind: 'commit', hash: 'a1b2c3d4' } },
        { target: { kind: 'issue', number: 12 } },
      ]);
    } finally {
      await m.close();
    }
  });

  it('shows hostile text whole, as text, with at most MAX_CODE_LINKS links in one message', () => {
    const many = render(Array.from({ length: 400 }, (_, i) => `src/f${i}.ts:${i + 1}`).join(' '));
    assert.equal(links(many).length, MAX_CODE_LINKS);
    assert.ok(many.textContent?.includes('src/f399.ts:400'), 'the rest stays as text');
    const hostile = [
      ...markdownRuns(40_000).map((r) => r.text),
      'src/a.ts:1 '.repeat(4_000),
      '`src/a.ts:1` '.repeat(3_000),
      'a1b2c3d '.repeat(5_000),
      '<img src=x onerror=alert(1)>/a.ts:1 src/<script>.ts:2 #1<b>',
      ...SHORT_HOSTILE_STRINGS.map((s) => `src/${s}.ts:1 ${s}`),
      ...PROTOTYPE_KEYS.map((k) => `${k}/a.ts:1 src/${k}.ts:2 #${k}`),
    ];
    for (const body of hostile) {
      const article = render(body);
      assert.ok(links(article).length <= MAX_CODE_LINKS, body.slice(0, 40));
      assert.equal(article.querySelectorAll('script, img, b').length, 0, body.slice(0, 40));
      for (const link of links(article)) assert.ok(['path', 'commit', 'issue'].includes(link.dataset.kind ?? ''), link.outerHTML);
    }
  });
});

describe('webview snippet with its diagnostic', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  it('shows the severity, "source code: message" and the line above the code, as text', () => {
    const msg = message(1, {
      body: 'why?',
      snippet: {
        path: 'src/a.ts', startLine: 1, endLine: 5, language: 'typescript', code: 'a\nb\nc\nd\ne',
        diagnostic: { severity: 'error', message: "Type 'string' is not assignable to type 'number'.<img src=x>", source: 'ts', code: '2322', line: 4, column: 7 },
      },
    });
    const article = renderMessage(dom.document, msg, 'alice', actions);
    const box = article.querySelector<HTMLElement>('.snippet .snippet-diagnostic');
    assert.ok(box, 'shown in the snippet');
    assert.ok(box.classList.contains('severity-error'));
    assert.equal(box.querySelector('.diagnostic-icon')?.getAttribute('aria-label'), 'error');
    assert.equal(box.querySelector('.diagnostic-message')?.textContent, "ts 2322: Type 'string' is not assignable to type 'number'.<img src=x>");
    assert.equal(box.querySelector('.diagnostic-line')?.textContent, 'line 4:7');
    assert.equal(article.querySelectorAll('img').length, 0);
    assert.ok(box.nextElementSibling?.matches('.code-block, .collapsed-code, pre, div'), 'the code follows');
  });

  it('shows a snippet without a diagnostic as before', () => {
    const article = renderMessage(dom.document, message(1, { snippet: { path: 'a.ts', startLine: 1, endLine: 1, language: '', code: 'x' } }), 'alice', actions);
    assert.equal(article.querySelector('.snippet-diagnostic'), null);
  });
});
