// Files in the panel (issue 16): the attach button asks VS Code's dialog and shows what was
// picked; files dropped on the chat and images pasted into the composer go to the tray, whose
// rows can be removed; a file over the server's limit is refused with the sizes said and never
// sent; Send hands the bytes (and comment) to the host, and the upload shows a bar whose Cancel
// asks the host to stop it. Events are synthesised as the browser makes them.
import * as assert from 'node:assert/strict';
import { DidPickFiles, DidProgressFile, Requests, type FileProgressView } from '../../common/webview-protocol';
import { settle } from './support/dom';
import { mountChatApp, type MountedApp } from './support/mounted-app';

describe('webview file attachments', () => {
  let m: MountedApp;
  const rows = () => [...m.root.querySelectorAll('.attachment')].map((el) => ({ name: el.querySelector('.file-name')?.textContent, size: el.querySelector('.file-info')?.textContent }));
  const tray = () => m.$('.attachment-tray')!;
  const file = (bytes: number[], name: string, type: string) => new m.dom.window.File([new Uint8Array(bytes)], name, { type }) as unknown as File;

  function transferOf(files: File[], types: string[] = ['Files']): DataTransfer {
    const dt = new m.dom.window.DataTransfer() as unknown as DataTransfer;
    for (const f of files) dt.items.add(f);
    // Chromium lists 'Files' among the types of a drag that carries files.
    if (types.length) Object.defineProperty(dt, 'types', { value: [...dt.types, ...types] });
    return dt;
  }

  function drop(files: File[]): Event {
    const e = new m.dom.window.Event('drop', { bubbles: true, cancelable: true }) as unknown as DragEvent;
    Object.defineProperty(e, 'dataTransfer', { value: transferOf(files) });
    m.$('.history')!.dispatchEvent(e);
    return e;
  }

  function paste(files: File[], text?: string): Event {
    const dt = transferOf(files, []);
    if (text !== undefined) dt.setData('text/plain', text);
    const e = new m.dom.window.ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: dt as never }) as unknown as Event;
    m.$('#send-box')!.dispatchEvent(e);
    return e;
  }

  /** The panel asks the limit once, before the first file; the host answers. */
  async function answerLimit(maxFileBytes = 25 * 1024 * 1024): Promise<void> {
    await settle();
    if (m.t.postedWith(Requests.fileLimits).length === 1 && !answered) {
      m.t.reply(Requests.fileLimits, { maxFileBytes });
      answered = true;
    }
    for (let i = 0; i < 4; i++) await settle();
  }
  let answered = false;

  beforeEach(async () => {
    answered = false;
    m = mountChatApp();
    await m.openChat();
  });
  afterEach(() => m.close());

  it('asks VS Code for files with the attach button, and shows the ones it picked for this request only', async () => {
    (m.$('.attach-button') as HTMLButtonElement).click();
    const [ask] = m.t.postedWith(Requests.pickFiles);
    assert.ok(ask, 'files/pick was asked');
    assert.equal(ask.params.groupId, m.app.store.selectedGroupId);
    assert.equal(tray().hidden, true, 'nothing in the tray before the answer');
    m.notify(DidPickFiles, { groupId: ask.params.groupId, requestId: 'another panel', files: [{ pickId: 'x', name: 'other.txt', type: 'text/plain', size: 3 }] });
    m.notify(DidPickFiles, { groupId: ask.params.groupId, requestId: ask.params.requestId, files: [{ pickId: 'p1', name: 'notes.md', type: 'text/markdown', size: 2048 }] });
    await answerLimit();
    assert.deepEqual(rows(), [{ name: 'notes.md', size: '2.0 KiB' }]);
    assert.equal(tray().hidden, false);
    (m.$('.attachment-send vscode-button') as HTMLElement).click();
    const [send] = m.t.postedWith(Requests.sendFile);
    assert.equal(send?.params.pickId, 'p1', 'a picked file is named by its token; the host has the path');
    assert.equal(send?.params.bytes, undefined);
  });

  it('takes files dropped on the chat into the tray, with a remove button per file', async () => {
    const e = drop([file([1, 2, 3], 'a.bin', 'application/octet-stream'), file([4, 5], 'b.txt', 'text/plain')]);
    assert.equal(e.defaultPrevented, true, 'the drop is the panel\'s, not the browser\'s (which would navigate to the file)');
    await answerLimit();
    assert.deepEqual(rows(), [{ name: 'a.bin', size: '3 B' }, { name: 'b.txt', size: '2 B' }]);
    (m.root.querySelector('.attachment .attachment-remove') as HTMLButtonElement).click();
    assert.deepEqual(rows(), [{ name: 'b.txt', size: '2 B' }]);
    (m.$('.attachment-remove') as HTMLButtonElement).click();
    assert.equal(tray().hidden, true, 'an empty tray goes');
  });

  it('takes an image pasted into the composer, with a name that says it was pasted, and leaves a text paste alone', async () => {
    const text = paste([], 'just words');
    assert.equal(text.defaultPrevented, false, 'a text paste goes into the box as usual');
    const e = paste([file([0x89, 0x50, 0x4e, 0x47], 'image.png', 'image/png')]);
    assert.equal(e.defaultPrevented, true);
    await answerLimit();
    const [row] = rows();
    assert.match(row?.name ?? '', /^pasted-image-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.png$/);
    (m.$('.attachment-comment') as HTMLElement & { value: string }).value = 'the **bug**';
    (m.$('.attachment-send vscode-button') as HTMLElement).click();
    const [send] = m.t.postedWith(Requests.sendFile);
    assert.equal(send?.params.type, 'image/png');
    assert.equal(send?.params.comment, 'the **bug**');
    assert.deepEqual([...(send?.params.bytes ?? [])], [0x89, 0x50, 0x4e, 0x47], 'the bytes go to the host as they were pasted');
    assert.equal(tray().hidden, true, 'sent: the tray is empty');
  });

  it('refuses a file over the announced limit in the panel, with both sizes, and sends nothing of it', async () => {
    drop([file(new Array(3000).fill(7), 'huge.iso', 'application/octet-stream'), file([1], 'ok.txt', 'text/plain')]);
    await answerLimit(2048);
    assert.deepEqual(rows(), [{ name: 'ok.txt', size: '1 B' }]);
    const error = m.$('.attachment-error')!;
    assert.equal(error.getAttribute('role'), 'alert');
    assert.match(error.textContent ?? '', /“huge\.iso” is 2\.9 KiB: the server takes files up to 2\.0 KiB/);
    (m.$('.attachment-send vscode-button') as HTMLElement).click();
    assert.deepEqual(m.t.postedWith(Requests.sendFile).map((s) => s.params.name), ['ok.txt']);
  });

  it('shows the upload with a bar as the host reports it; Cancel asks the host to stop it, and a cancelled upload goes', async () => {
    drop([file([1, 2, 3, 4], 'report.pdf', 'application/pdf')]);
    await answerLimit();
    (m.$('.attachment-send vscode-button') as HTMLElement).click();
    const [send] = m.t.postedWith(Requests.sendFile);
    const { transferId, groupId } = send!.params;
    const uploads = m.$('.file-uploads')!;
    assert.equal(uploads.hidden, false, 'shown at once, before the host reports');
    const report = (over: Partial<FileProgressView>) => m.notify(DidProgressFile, { transferId, groupId, direction: 'upload', name: 'report.pdf', done: 0, total: 4, state: 'running', ...over });
    report({ done: 2 });
    assert.equal(uploads.querySelector('progress')?.getAttribute('value'), '50');
    assert.match(uploads.textContent ?? '', /Sending report\.pdf 50% of 4 B/);
    (uploads.querySelector('.file-cancel') as HTMLButtonElement).click();
    assert.deepEqual(m.t.postedWith(Requests.cancelTransfer).map((c) => c.params), [{ transferId }]);
    report({ state: 'cancelled' });
    assert.equal(uploads.hidden, true);
    assert.equal(uploads.querySelector('progress'), null);
  });

  it('says why an upload failed, until dismissed', async () => {
    drop([file([1], 'a.txt', 'text/plain')]);
    await answerLimit();
    (m.$('.attachment-send vscode-button') as HTMLElement).click();
    m.t.replyError(Requests.sendFile, 'Your file quota is used up.');
    await settle();
    const uploads = m.$('.file-uploads')!;
    assert.match(uploads.textContent ?? '', /Could not send a\.txt: Your file quota is used up\./);
    assert.equal(uploads.querySelector('[role="alert"]') !== null, true);
    (uploads.querySelector('.icon-button') as HTMLButtonElement).click();
    assert.equal(uploads.hidden, true);
  });
});
