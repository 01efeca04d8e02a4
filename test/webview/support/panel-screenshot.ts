// Renders the built chat panel (dist/webview) in headless Chromium with VS Code's Dark Modern
// colours and a scripted host, and saves a PNG to look at. Not a test: run it by hand after
// `node scripts/bundle.mjs webview`:  npx tsx test/webview/support/panel-screenshot.ts [out.png]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { group, message } from './views';

const ROOT = path.resolve(__dirname, '../../..');
const out = process.argv[2] ?? '/tmp/teamchat-panel.png';

const THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-sideBar-background': '#181818',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-editorWidget-border': '#454545',
  '--vscode-widget-shadow': 'rgba(0,0,0,0.36)',
  '--vscode-toolbar-hoverBackground': 'rgba(90,93,94,0.31)',
  '--vscode-textBlockQuote-background': '#2b2b2b',
  '--vscode-textBlockQuote-border': '#616161',
  '--vscode-errorForeground': '#f85149',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
};

const me = 'alice';
const g = group({ name: 'launch', members: [...group().members, { username: 'carol', isAdmin: false, isMe: false, keyTrust: 'verified' }], memberCount: 3 });
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
  const vars = Object.entries(THEME).map(([k, v]) => `${k}: ${v};`).join(' ');
  const html = `<!doctype html><html><head><style>:root { ${vars} }</style><style>${styles}</style></head><body class="vscode-dark" style="margin: 0; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size)"><div id="app"></div></body></html>`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 980, height: 560 }, deviceScaleFactor: 1 });
    await page.setContent(html);
    // A scripted host: answers the webview's requests the way the extension would.
    // A string, not a function: tsx's helpers (__name) do not exist inside the page.
    const session = { state: 'online', username: me, serverUrl: 'https://chat.example.com' };
    await page.addScriptTag({
      content: `(() => {
        const session = ${JSON.stringify(session)}, g = ${JSON.stringify(g)}, messages = ${JSON.stringify(messages)};
        const post = (m) => window.postMessage(m, '*');
        window.acquireVsCodeApi = () => ({
          postMessage(m) {
            if (m.method === 'webview/ready') {
              post({ method: 'session/didChange', params: { session } });
              post({ method: 'groups/didChange', params: { groups: [g] } });
              post({ method: 'groups/didFocus', params: { groupId: g.id } });
            }
            if (m.method === 'groups/open' && m.id) post({ method: 'ipc/reply', id: m.id, result: { group: g, messages, hasMore: false } });
          },
          getState: () => undefined,
          setState: () => undefined,
        });
      })();`,
    });
    await page.addScriptTag({ content: script });
    await page.waitForSelector('.message[data-seq="3"]');
    await page.locator('.message[data-seq="1"]').hover();
    await page.click('.message[data-seq="1"] .message-actions [aria-label="Reply"]');
    await page.locator('.message[data-seq="2"]').hover();
    await page.screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

void main().then(() => console.log(`saved ${out}`));
