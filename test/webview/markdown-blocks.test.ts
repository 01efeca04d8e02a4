// Strikethrough, lists and block quotes in a message, all as text in elements.
import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../webview/render/markdown';
import { newDom } from './support/dom';

describe('webview markdown: strikethrough, lists and quotes', () => {
  let dom: ReturnType<typeof newDom>;
  beforeEach(() => (dom = newDom()));
  afterEach(() => dom.close());

  function md(text: string): HTMLElement {
    const div = dom.document.createElement('div');
    div.append(renderMarkdown(dom.document, text, 'alice'));
    return div;
  }
  const texts = (div: HTMLElement, selector: string) => [...div.querySelectorAll(selector)].map((e) => e.textContent);

  it('strikes ~~text~~ through, and leaves a lone ~, an empty ~~~~ or ~~ spaced ~~ as written', () => {
    const div = md('~~old~~ new, ~5 min, ~~~~ and ~~ spaced ~~ ~~<b>x</b> y~~ ~~z~~');
    assert.deepEqual(texts(div, 's'), ['old', '<b>x</b> y', 'z']);
    assert.equal(div.querySelector('b'), null);
    assert.match(div.textContent ?? '', /~5 min, ~~~~ and ~~ spaced ~~ /);
  });

  it('renders "- item" and "* item" as a list, and "1. item" as a numbered one that keeps its first number', () => {
    const div = md('Plan:\n- one **bold**\n* two\n\n3. three\n4. four\n\nafter');
    assert.deepEqual(texts(div, 'ul > li'), ['one bold', 'two']);
    assert.equal(div.querySelector('ul li strong')?.textContent, 'bold');
    assert.deepEqual(texts(div, 'ol > li'), ['three', 'four']);
    assert.equal(div.querySelector('ol')?.getAttribute('start'), '3');
    assert.deepEqual(texts(div, ':scope > p'), ['Plan:', 'after']);
  });

  it('does not take *emphasis*, **bold**, "-1" or a bare "-" for a list', () => {
    const div = md('*note* this\n**bold** that\n-1 degrees\n-\n1.5 kg');
    assert.equal(div.querySelector('ul, ol'), null);
    assert.equal(div.querySelector('em')?.textContent, 'note');
    assert.equal(div.querySelector('strong')?.textContent, 'bold');
  });

  it('renders "> quote" lines as one block quote, in paragraphs where a bare ">" stands between', () => {
    const div = md('> first\n> ~~second~~\n>\n> third\n\nreply');
    const quote = div.querySelector('blockquote')!;
    assert.equal(div.querySelectorAll('blockquote').length, 1);
    assert.deepEqual(texts(quote, 'p'), ['firstsecond', 'third']);
    assert.ok(quote.querySelector('p br'));
    assert.equal(quote.querySelector('s')?.textContent, 'second');
    assert.equal(div.querySelector(':scope > p')?.textContent, 'reply');
  });

  it('shows markup, nested marks and list marks inside a quote as text', () => {
    const div = md('> <img src=x onerror=alert(1)>\n>> nested\n> - not a list\n- <script>alert(2)</script>');
    assert.equal(div.querySelector('img, script'), null);
    assert.equal(div.querySelectorAll('blockquote').length, 1);
    assert.equal(div.querySelector('blockquote ul'), null);
    assert.match(div.querySelector('blockquote')?.textContent ?? '', /<img src=x onerror=alert\(1\)>> nested- not a list/);
    assert.equal(div.querySelector('ul li')?.textContent, '<script>alert(2)</script>');
  });
});
