// Renders the built chat panel (dist/webview) in headless Chromium with VS Code's Dark or Light
// Modern colours and a scripted host, and saves a PNG to look at. Not a test: run it by hand
// after `node scripts/bundle.mjs webview`:
//   npx tsx test/webview/support/panel-screenshot.ts [out.png] [chat|failed|history] [dark|light]
// chat: a conversation with replies and reactions; failed: a group whose signed history did
// not verify (the banner); history: the group history view; members: the member list toggled;
// menu: the header's "More group actions" menu open. PANEL_WIDTH=520 sets the panel's width.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { GroupChangeView, GroupDetailView } from '../../../common/webview-protocol';
import { THEMES } from './panel-themes';
import { group, message } from './views';

const ROOT = path.resolve(__dirname, '../../..');
const out = process.argv[2] ?? '/tmp/teamchat-panel.png';
const scene = (process.argv[3] ?? 'chat') as 'chat' | 'failed' | 'history' | 'members' | 'menu';
const theme = THEMES[(process.argv[4] ?? 'dark') as 'dark' | 'light'];

const me = 'alice';
const members: GroupDetailView['members'] = [
  { username: 'alice', isAdmin: true, isMe: true, keyTrust: 'verified' },
  { username: 'bob', isAdmin: false, isMe: false, keyTrust: 'pinned' },
  { username: 'carol', isAdmin: false, isMe: false, keyTrust: 'verified' },
];
const FAILED = {
  state: 'failed',
  reason: 'fork',
  problem: 'bob was shown a different history of this group than this device verified (a fork): the server may be showing members different groups. Do not add or remove anyone; compare the group history with bob in person or on a call.',
} as const;
const g = group({ name: 'launch', members, memberCount: 3, verification: scene === 'failed' ? FAILED : { state: 'verified', headSeq: 7 } });
const changes: GroupChangeView[] = [
  { seq: 1, type: 'create', signer: me, at: '2026-11-20T09:00:00.000Z' },
  { seq: 2, type: 'add', signer: me, at: '2026-11-20T09:01:00.000Z', username: 'bob' },
  { seq: 3, type: 'add', signer: me, at: '2026-11-20T09:01:30.000Z', username: 'carol' },
  { seq: 4, type: 'promote', signer: me, at: '2026-11-21T10:00:00.000Z', username: 'bob' },
  { seq: 5, type: 'add', signer: 'bob', at: '2026-11-22T11:00:00.000Z', username: 'dave' },
  { seq: 6, type: 'remove', signer: me, at: '2026-11-23T12:00:00.000Z', username: 'dave' },
  { seq: 7, type: 'rotate', signer: me, at: '2026-11-23T12:00:01.000Z', generation: 2, sealedTo: [me, 'bob', 'carol'] },
];
const first = message(1, { body: 'Ship it on **Friday**?', sender: 'bob' });
const messages = [
  first,
  message(2, { sender: me, isMine: true, body: 'Friday works for me. I will tag the release tonight.', edited: true, reactions: { '👍': ['bob', 'carol'], '🎉': ['carol'] } }),
  message(3, { sender: 'carol', body: 'Same here, the changelog is ready.', replyTo: first.msgId, reactions: { '✅': [me] } }),
  message(4, { sender: 'bob', body: '', deleted: true }),
];

async function main(): Promise<void> {
  const script = readFileSync(path.join(ROOT, 'dist/webview/main.js'), 'utf8');
  const styles = readFileSync(path.join(ROOT, 'dist/webview/styles.css'), 'utf8');
  const vars = Object.entries(theme.vars).map(([k, v]) => `${k}: ${v};`).join(' ');
  const html = `<!doctype html><html><head><style>:root { ${vars} }</style><style>${styles}</style></head><body class="${theme.bodyClass}" style="margin: 0; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size)"><div id="app"></div></body></html>`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(process.env.PANEL_WIDTH ?? 980), height: 560 }, deviceScaleFactor: 1 });
    await page.setContent(html);
    // A scripted host: answers the webview's requests the way the extension would.
    // A string, not a function: tsx's helpers (__name) do not exist inside the page.
    const session = { state: 'online', username: me, serverUrl: 'https://chat.example.com' };
    await page.addScriptTag({
      content: `(() => {
        const session = ${JSON.stringify(session)}, g = ${JSON.stringify(g)}, messages = ${JSON.stringify(messages)}, changes = ${JSON.stringify(changes)};
        const post = (m) => window.postMessage(m, '*');
        window.acquireVsCodeApi = () => ({
          postMessage(m) {
            if (m.method === 'webview/ready') {
              post({ method: 'session/didChange', params: { session } });
              post({ method: 'groups/didChange', params: { groups: [g] } });
              post({ method: 'groups/didFocus', params: { groupId: g.id } });
            }
            if (m.method === 'groups/open' && m.id) post({ method: 'ipc/reply', id: m.id, result: { group: g, messages, hasMore: false } });
            if (m.method === 'groups/history' && m.id) post({ method: 'ipc/reply', id: m.id, result: { verification: g.verification, entries: changes } });
          },
          getState: () => undefined,
          setState: () => undefined,
        });
      })();`,
    });
    await page.addScriptTag({ content: script });
    await page.waitForSelector('.message[data-seq="3"]');
    await act(page);
    await page.screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

/** What a person does before the picture is taken, per scene. */
async function act(page: Page): Promise<void> {
  if (scene === 'chat') {
    await page.locator('.message[data-seq="1"]').hover();
    await page.click('.message[data-seq="1"] .message-actions [aria-label="Reply"]');
    await page.locator('.message[data-seq="2"]').hover();
  } else if (scene === 'history') {
    await page.click('.chat-toolbar button:has-text("History")');
    await page.waitForSelector('.change[data-seq="1"]');
  } else if (scene === 'members') {
    await page.click('.members-toggle');
  } else if (scene === 'menu') {
    await page.click('.overflow-trigger');
  }
}

void main().then(() => console.log(`saved ${out}`));
