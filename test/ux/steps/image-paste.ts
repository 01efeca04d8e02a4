// An image pasted into the chat (issue 16): alice pastes a screenshot into the composer (a paste
// event carrying a PNG, as Chromium makes one from the clipboard), adds a comment and sends it;
// the panel makes its thumbnail, bob's client core gets the file with that thumbnail and
// decrypts the very bytes pasted; bob's own image shows inline in alice's panel as his
// thumbnail, and a click opens it full size in VS Code.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eventually } from '../support/team';
import type { UxRun } from '../support/ux-run';

/** Runs in the webview's page: draws a 640x400 test picture, pastes it as image.png into the composer, and gives back its bytes' base64. */
const PASTE_PNG = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 400;
  const ctx = canvas.getContext('2d');
  const grad = ctx.createLinearGradient(0, 0, 640, 400);
  grad.addColorStop(0, '#1e6fd9');
  grad.addColorStop(1, '#22a06b');
  ctx.fillStyle = grad;
  ctx.fillRect(0, 0, 640, 400);
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 48px sans-serif';
  ctx.fillText('TypeError: x is undefined', 24, 210);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
  const box = document.querySelector('#send-box');
  box.focus();
  (box.shadowRoot?.querySelector('textarea') ?? box).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
})()`;

/** Runs in the webview's page: a 200x120 picture of bob's as PNG base64 (the page has the canvas; bob's client core does not). */
const BOB_PNG = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 200;
  canvas.height = 120;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#22a06b';
  ctx.fillRect(0, 0, 200, 120);
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 28px sans-serif';
  ctx.fillText('fixed ✓', 40, 70);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
})()`;

export function imagePasteSteps(run: UxRun): void {
  const { team, wb } = run;

  it('pastes an image into the composer and sends it with a comment; bob gets it with its thumbnail, and his image shows inline and opens full size', async () => {
    const pastedB64 = (await run.chat.evaluate(PASTE_PNG)) as string;
    const row = run.chat.locator('.attachment-tray .attachment');
    await row.waitFor();
    assert.match((await row.locator('.file-name').textContent()) ?? '', /^pasted-image-.*\.png$/);
    await row.locator('.attachment-thumb').waitFor();
    await run.chat.locator('.attachment-comment input, .attachment-comment').first().click();
    await wb.page.keyboard.type('the error on the login page');
    await wb.shot('image-pasted');
    await run.chat.locator('.attachment-send vscode-button', { hasText: 'Send' }).click();

    const got = await eventually('bob to get the image', () => team.inbox.find((m) => m.file && m.body === 'the error on the login page'), 60_000);
    assert.equal(got.sender, team.alice);
    assert.equal(got.file?.type, 'image/png');
    const thumb = got.file?.thumbnail;
    assert.ok(thumb && thumb.width <= 320 && thumb.height <= 320 && thumb.width === 320, `a thumbnail at most 320 px made in the panel: ${JSON.stringify({ ...thumb, dataB64: thumb?.dataB64.length })}`);
    const bytes = await team.bob.files.download(run.groupId, got.msgId);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    assert.equal(sha(bytes!), sha(Buffer.from(pastedB64, 'base64')), 'bob decrypts the very bytes pasted');
    const mine = run.chat.locator('.message-log .message', { hasText: 'the error on the login page' });
    await mine.locator('.file-card img').waitFor();

    const bobB64 = (await run.chat.evaluate(BOB_PNG)) as string;
    const bobPng = new Uint8Array(Buffer.from(bobB64, 'base64'));
    await team.bob.files.send(run.groupId, { name: 'fixed.png', type: 'image/png', bytes: bobPng, thumbnail: { type: 'image/png', dataB64: bobB64, width: 200, height: 120 } }, { comment: 'fixed now' });
    const his = run.chat.locator('.message-log .message', { hasText: 'fixed now' });
    const img = his.locator('.file-card img');
    await img.waitFor();
    assert.equal(await img.getAttribute('src'), `data:image/png;base64,${bobB64}`, "bob's thumbnail, from a data: URL");
    await his.scrollIntoViewIfNeeded();
    await wb.shot('image-thumbnails');
    await his.locator('.file-thumb').click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'fixed.png' }).waitFor({ timeout: 30_000 });
    await wb.page.waitForTimeout(500); // the image preview draws: the shot shows it
    await wb.shot('image-opened-full-size');
    // Back to the chat, as a person would: close the preview (the active editor), and the toasts.
    await wb.page.locator('.tab.active', { hasText: 'fixed.png' }).waitFor();
    await wb.command('View: Close Editor');
    await eventually('the preview to close', async () => (await wb.page.locator('.tab', { hasText: 'fixed.png' }).count()) === 0);
    await wb.page.locator('.tab', { hasText: 'TeamChat' }).click();
    await wb.page.locator('.tab.active', { hasText: 'TeamChat' }).waitFor();
    await wb.command('Notifications: Clear All Notifications');
    run.chat = await wb.chat();
  });
}
