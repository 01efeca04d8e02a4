// A file message's card (issue 16): an image shows the sender's thumbnail from a data: URL and
// opens full size in VS Code when clicked; another file shows its name, size and type with
// Open and Save, whose download shows a bar with Cancel on the card; a small text file shows as
// code. Names, types and thumbnails are a member's claims: hostile ones show as text or not at all.
import * as assert from 'node:assert/strict';
import { DidArriveMessage, DidProgressFile, Requests, type ChatMessageView, type FileView } from '../../common/webview-protocol';
import { displayFileName } from '../../common/attachments/file-kinds';
import { renderFileCard } from '../../webview/render/file-card';
import { fitThumbnail, MAX_THUMBNAIL_BYTES } from '../../webview/parts/thumbnails';
import { SHORT_HOSTILE_STRINGS } from '../support/hostile-strings';
import { newDom } from './support/dom';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';
import { group, message } from './support/views';

const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function fileMessage(seq: number, file: FileView, over: Partial<ChatMessageView> = {}): ChatMessageView {
  return message(seq, { body: '', file, ...over });
}

describe('webview file card', () => {
  let m: MountedApp;
  const card = (seq: number) => m.root.querySelector(`.message[data-seq="${seq}"] .file-card`) as HTMLElement | null;

  afterEach(() => m.close());

  it('shows an image as its thumbnail, which opens the file full size in VS Code', async () => {
    m = mountChatApp();
    await m.openChat(group(), [fileMessage(1, { name: 'screen.png', type: 'image/png', size: 123_456, thumbnail: { type: 'image/png', dataB64: PNG_B64, width: 640, height: 480 } }, { body: 'look' })]);
    const c = card(1)!;
    const img = c.querySelector('img') as HTMLImageElement;
    assert.equal(img.getAttribute('src'), `data:image/png;base64,${PNG_B64}`);
    assert.deepEqual([img.getAttribute('width'), img.getAttribute('height')], ['320', '240'], 'drawn at most 320 by 240, in proportion');
    assert.equal(img.getAttribute('alt'), 'screen.png');
    assert.match(c.textContent ?? '', /screen\.png120\.6 KiB · image\/png/);
    assert.equal(m.root.querySelector('.message[data-seq="1"] .body p')?.textContent, 'look', 'the comment shows under the card');
    (c.querySelector('.file-thumb') as HTMLButtonElement).click();
    const [open] = m.t.postedWith(Requests.openFile);
    assert.equal(open?.params.msgId, message(1).msgId);
    assert.equal(open?.params.groupId, group().id);
  });

  it('shows another file with Open and Save; a download shows its bar on the card, Cancel stops it, a failure says why', async () => {
    m = mountChatApp();
    await m.openChat(group(), [fileMessage(1, { name: 'build.zip', type: 'application/zip', size: 5 * 1024 * 1024 })]);
    const c = card(1)!;
    assert.equal(c.querySelector('img'), null);
    assert.equal(c.dataset.fileKind, 'other');
    assert.equal(c.querySelector('.file-show'), null, 'no Show for a file that is not text');
    (c.querySelector('.file-save') as HTMLButtonElement).click();
    const [save] = m.t.postedWith(Requests.saveFile);
    const { transferId } = save!.params;
    assert.ok(c.querySelector('progress'), 'the bar shows on the card at once');
    (c.querySelector('.file-save') as HTMLButtonElement).click();
    assert.equal(m.t.postedWith(Requests.saveFile).length, 1, 'a second click while it downloads starts nothing');
    const base = { transferId, groupId: group().id, direction: 'download' as const, name: 'build.zip', msgId: message(1).msgId, total: 5 * 1024 * 1024 };
    m.notify(DidProgressFile, { ...base, done: 1024 * 1024, state: 'running' });
    assert.equal(c.querySelector('progress')?.getAttribute('value'), '20');
    // Drawn again (a reaction arrives): the bar moves to the new card.
    m.notify(DidArriveMessage, { groupId: group().id, message: fileMessage(1, { name: 'build.zip', type: 'application/zip', size: 5 * 1024 * 1024 }, { reactions: { '👍': ['bob'] } }) });
    assert.equal(card(1)?.querySelector('progress')?.getAttribute('value'), '20');
    (card(1)!.querySelector('.file-cancel') as HTMLButtonElement).click();
    assert.deepEqual(m.t.postedWith(Requests.cancelTransfer).map((x) => x.params), [{ transferId }]);
    m.notify(DidProgressFile, { ...base, done: 0, state: 'cancelled' });
    assert.equal(card(1)?.querySelector('progress'), null);
    (card(1)!.querySelector('.file-open') as HTMLButtonElement).click();
    const [open] = m.t.postedWith(Requests.openFile);
    m.notify(DidProgressFile, { ...base, transferId: open!.params.transferId, done: 0, state: 'failed', error: 'A chunk of this file was changed on the server (chunk 3).' });
    assert.match(card(1)?.textContent ?? '', /Could not download build\.zip: A chunk of this file was changed on the server \(chunk 3\)\./);
  });

  it('shows a small text file as code in the snippet style once downloaded', async () => {
    m = mountChatApp();
    await m.openChat(group(), [fileMessage(1, { name: 'fix.ts', type: 'text/plain', size: 40 })]);
    (card(1)!.querySelector('.file-show') as HTMLButtonElement).click();
    const [ask] = m.t.postedWith(Requests.fileText);
    assert.equal(ask?.params.msgId, message(1).msgId);
    m.t.reply(Requests.fileText, { text: 'const a = 1;\n<script>alert(1)</script>' });
    await settle();
    const code = card(1)!.querySelector('.file-text .code-block') as HTMLElement;
    assert.ok(code, 'rendered as a code block');
    assert.equal(code.querySelector('[data-language]')?.getAttribute('data-language'), 'ts');
    assert.match(code.textContent ?? '', /<script>alert\(1\)<\/script>/);
    assert.equal(card(1)!.querySelector('script'), null, 'the text is text');
  });

  it('shows hostile names as text, with direction and control marks made visible, and no thumbnail that is not an image', async () => {
    m = mountChatApp();
    const evilName = 'invoice\u202Egnp.exe <img src=x onerror=alert(1)>\u0007';
    await m.openChat(group(), [
      fileMessage(1, { name: evilName, type: 'image/png', size: 10, thumbnail: { type: 'text/html' as 'image/png', dataB64: PNG_B64, width: 1, height: 1 } }),
      fileMessage(2, { name: 'x.png', type: 'image/png', size: 10, thumbnail: { type: 'image/png', dataB64: `${PNG_B64}"><script>`, width: 1, height: 1 } }),
      fileMessage(3, { name: '__proto__', type: 'text/plain\u202E', size: -1 }),
    ]);
    const name = card(1)!.querySelector('.file-name')!;
    assert.equal(name.textContent, 'invoice⟨U+202E⟩gnp.exe <img src=x onerror=alert(1)>⟨U+0007⟩');
    assert.equal(name.tagName.toLowerCase(), 'bdi', 'isolated from the text around it');
    assert.equal(card(1)!.querySelector('img'), null, 'a thumbnail whose type is not an image type is not shown');
    assert.equal(card(2)!.querySelector('img'), null, 'nor one whose data is not base64');
    assert.equal(card(2)!.dataset.fileKind, 'other');
    assert.match(card(3)!.textContent ?? '', /__proto__/);
    assert.match(card(3)!.textContent ?? '', /text\/plain⟨U\+202E⟩/);
    assert.equal(m.root.querySelectorAll('script').length, 0);
  });
});

describe('webview file card with every hostile string', () => {
  it('shows each as a name and a type in text only: no element, no invisible or direction character left, long ones cut', async () => {
    const dom = newDom();
    try {
      const noop = () => undefined;
      const on = { open: noop, save: noop, showText: noop, extras: () => [] };
      for (const text of [...SHORT_HOSTILE_STRINGS, 'x'.repeat(1_000_000), '\u202E'.repeat(10_000)]) {
        const card = renderFileCard(dom.document, message(1), { name: text, type: text, size: 1 }, on);
        const name = card.querySelector('.file-name')!;
        assert.equal(name.textContent, displayFileName(text));
        assert.equal(name.children.length, 0);
        assert.ok([...(name.textContent ?? '')].length <= 120, 'a long name is cut');
        assert.doesNotMatch(card.textContent ?? '', /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, 'no control or bidi character reaches the page');
        assert.deepEqual([...card.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()).filter((t) => !['span', 'bdi', 'div', 'button'].includes(t)), []);
      }
    } finally {
      await dom.close();
    }
  });
});

describe('webview thumbnails', () => {
  it('scales to 320 px on the long side and steps down until the encoding fits the budget', async () => {
    const asked: string[] = [];
    const thumb = await fitThumbnail({ width: 4000, height: 1000 }, async (w, h, type, quality) => {
      asked.push(`${w}x${h} ${type} ${quality}`);
      return new Uint8Array(w <= 160 ? 1000 : MAX_THUMBNAIL_BYTES + 1);
    });
    assert.deepEqual(asked.slice(0, 2), ['320x80 image/webp 0.8', '320x80 image/jpeg 0.75']);
    assert.equal(asked.at(-1), '160x40 image/jpeg 0.5');
    assert.deepEqual({ type: thumb?.type, width: thumb?.width, height: thumb?.height, b64: thumb?.dataB64.length }, { type: 'image/jpeg', width: 160, height: 40, b64: 1336 });
  });

  it('makes none when nothing fits or the image has no size (the file is still sent)', async () => {
    assert.equal(await fitThumbnail({ width: 100, height: 100 }, async () => new Uint8Array(MAX_THUMBNAIL_BYTES + 1)), undefined);
    assert.equal(await fitThumbnail({ width: 100, height: 100 }, async () => undefined), undefined);
    assert.equal(await fitThumbnail({ width: 0, height: 100 }, async () => new Uint8Array(10)), undefined);
  });
});
