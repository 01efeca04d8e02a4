// Asks the code-server runner (which drives the browser) what the chat webview's DOM shows.
// The extension host cannot see inside a webview; the runner can, through Playwright's frames.
// Returns undefined when no runner answers probes (e.g. under @vscode/test-electron).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WebviewProbe {
  selector: string;
  /** Keep asking until the selected element's text contains this. */
  contains?: string;
  /** File name under test-output/vscode/ for a screenshot once found. */
  screenshot?: string;
  /** Once found: type into an element (then press keys), or click one, as a user would. */
  action?: { kind: 'type'; selector: string; text: string; keys?: string[] } | { kind: 'click'; selector: string };
  /** Look at the workbench page itself (the editor with its comment threads, the Comments panel), not into a webview; the screenshot is the whole window. */
  workbench?: boolean;
}

/** True when a runner that can see and drive the webview is answering probes. */
export function canProbeWebview(): boolean {
  return Boolean(process.env.TEAMCHAT_WEBVIEW_PROBE);
}

export interface WebviewProbeAnswer {
  found: boolean;
  text: string;
  title: string;
  messages: { text: string; classes: string }[];
  screenshot?: string;
}

let counter = 0;

export async function probeWebview(probe: WebviewProbe, timeoutMs = 60_000): Promise<WebviewProbeAnswer | undefined> {
  const dir = process.env.TEAMCHAT_WEBVIEW_PROBE;
  if (!dir) return undefined;
  const end = Date.now() + timeoutMs;
  let last: WebviewProbeAnswer | undefined;
  while (Date.now() < end) {
    const n = ++counter;
    const answerFile = path.join(dir, `probe-${n}.answer.json`);
    writeFileSync(path.join(dir, `probe-${n}.json`), JSON.stringify(probe));
    while (!existsSync(answerFile) && Date.now() < end) await sleep(100);
    if (!existsSync(answerFile)) break;
    last = JSON.parse(readFileSync(answerFile, 'utf8')) as WebviewProbeAnswer;
    if (last.found && (!probe.contains || last.text.includes(probe.contains))) return last;
    await sleep(300);
  }
  throw new Error(`The chat webview never showed ${probe.selector}${probe.contains ? ` containing "${probe.contains}"` : ''}; last seen: ${JSON.stringify(last)}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
