// A person at a real VS Code: the packaged extension (.vsix) installed in code-server, the
// workbench open in headless Chromium, and the keyboard, mouse and eyes of a user: the command
// palette, quick inputs, clicks and typing inside the chat webview, and a screenshot of each
// step in test-output/ux/<theme>/. Code that runs inside the page is given as text: this
// program is typed for Node, without the DOM's globals.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import {
  freshProfile,
  installCodeServer,
  installVsix,
  launchChromium,
  quietSettings,
  root,
  startVsCodeServer,
  type Profile,
  type VsCodeServer,
} from '../../../scripts/vscode/code-server.mjs';

export type Theme = 'light' | 'dark';
const THEME_NAMES: Record<Theme, string> = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/** Wide enough for an editor and the chat beside it at about 520 px each, as the issue tried it. */
export const VIEWPORT = { width: 1120, height: 820 };

export class Workbench {
  page!: Page;
  private browser!: Browser;
  private server!: VsCodeServer;
  private profile!: Profile;
  private step = 0;
  readonly shots: string[] = [];

  /** `vsix`: the packaged extension's path, asked for when the workbench opens (it is built in a hook). */
  constructor(readonly theme: Theme, private readonly vsix: () => string) {}

  get outputDir(): string {
    return path.join(root, 'test-output', 'ux', this.theme);
  }

  async open(): Promise<void> {
    rmSync(this.outputDir, { recursive: true, force: true });
    mkdirSync(this.outputDir, { recursive: true });
    const cs = installCodeServer();
    this.profile = freshProfile(quietSettings({ 'workbench.colorTheme': THEME_NAMES[this.theme], 'workbench.editor.enablePreview': false }));
    installVsix(cs, this.profile, this.vsix());
    this.server = await startVsCodeServer(cs, this.profile);
    this.browser = await launchChromium();
    const context = await this.browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${this.server.port}` });
    this.page = await context.newPage();
    await this.page.goto(`http://127.0.0.1:${this.server.port}/?folder=${encodeURIComponent(this.profile.workspace)}`);
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    await this.page.locator('.statusbar-item', { hasText: 'TeamChat' }).first().waitFor({ timeout: 60_000 });
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.server?.stop();
    this.profile?.remove();
  }

  /** F1, the command's title, Enter: as a person runs a command. */
  async command(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // The palette closes when focus lands elsewhere just after it opened (a webview clicked a
    // moment before takes focus late): then F1 again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`, { timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    // The row whose label is the title itself (not one that only starts with it), clicked.
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    await row.waitFor();
    await row.click();
  }

  /** Ctrl+P, the file's name, and Enter once Quick Open lists it. */
  async openFile(name: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(name);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Answers the input box that asks `question` (words of its title or prompt: VS Code reuses one
   * widget for every box, so the question says the next box is up): replaces its text and, unless
   * told not to, presses Enter.
   */
  async answer(question: string, text: string, opts: { enter?: boolean } = {}): Promise<void> {
    await this.page.locator('.quick-input-widget', { hasText: question }).waitFor({ state: 'visible' });
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(text);
    if ((await input.inputValue()) !== text) throw new Error(`The box asking "${question}" did not take the text.`);
    if (opts.enter !== false) await input.press('Enter');
  }

  /** Picks a quick pick item by its label, once the pick asking `question` shows. */
  async pick(question: string, label: string): Promise<void> {
    await this.page.locator('.quick-input-widget', { hasText: question }).waitFor({ state: 'visible' });
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  /** The open input box's message once it says something that matches (what is wrong, once checked). */
  async inputMessage(matching: RegExp): Promise<string> {
    const message = this.page.locator('.quick-input-widget .quick-input-message');
    const end = Date.now() + 30_000;
    let text = '';
    while (Date.now() < end) {
      text = (await message.textContent().catch(() => '')) ?? '';
      if (matching.test(text)) return text;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The input box never said ${matching}; it says "${text}".`);
  }

  async closeQuickInput(): Promise<void> {
    if (await this.page.locator('.quick-input-widget').isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
  }

  /** A notification toast's text, once one containing `text` shows. */
  async notification(text: string | RegExp, timeout = 30_000): Promise<string> {
    const toast = this.page.locator('.notification-toast-container, .notifications-toasts .notification-list-item', { hasText: text }).first();
    await toast.waitFor({ timeout });
    return (await toast.textContent()) ?? '';
  }

  /** The chat webview's inner frame (the page's own document) in the tab or the side view, once it has rendered. */
  async chat(timeout = 30_000, surface: 'tab' | 'view' = 'tab'): Promise<Frame> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      for (const frame of this.page.frames()) {
        const found = await (frame.evaluate(`document.body.dataset.surface === '${surface}' && Boolean(document.querySelector('.session-bar'))`) as Promise<boolean>).catch(() => false);
        if (found) return frame;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error('The chat panel did not show.');
  }

  /** The width of the chat webview as it is on screen. */
  async chatWidth(): Promise<number> {
    const frame = await this.chat();
    return frame.evaluate('window.innerWidth') as Promise<number>;
  }

  /** A screenshot of the whole window, and one of the chat panel alone when it is open. */
  async shot(name: string): Promise<string> {
    this.step += 1;
    const file = path.join(this.outputDir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    this.shots.push(path.relative(root, file));
    return file;
  }

  /**
   * The extension host crashes (SIGKILL, as an out-of-memory kill or a crash would end it), and
   * VS Code starts a new one. The web workbench has no "Restart Extension Host" command; a crash
   * is the harder case anyway.
   */
  crashExtensionHost(): void {
    const group = this.server.child.pid;
    const hosts = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, pgid, ...args]) => Number(pgid) === group && args.join(' ').includes('extensionHost'))
      .map(([pid]) => Number(pid));
    if (hosts.length === 0) throw new Error('No extension host process was found under the VS Code server.');
    for (const pid of hosts) process.kill(pid, 'SIGKILL');
  }

  async resize(width: number, height = VIEWPORT.height): Promise<void> {
    await this.page.setViewportSize({ width, height });
    await this.page.waitForTimeout(300);
  }
}
