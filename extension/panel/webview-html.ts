// The chat webview's page: a strict Content-Security-Policy whose only script is ours, by nonce.
import { randomBytes } from 'node:crypto';

/** Where the page is shown: the editor tab, or the view in the panel or a side bar. */
export type ChatSurfaceKind = 'tab' | 'view';

export interface WebviewPageParts {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri(dist/webview/main.js) */
  scriptUri: string;
  /** webview.asWebviewUri(dist/webview/styles.css) */
  styleUri: string;
  /** Marks the body, so styles (and the integration suite) can tell the tab from the view. */
  surface?: ChatSurfaceKind;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

export function renderWebviewHtml(parts: WebviewPageParts): string {
  const nonce = parts.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(parts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(parts.styleUri)}">
<title>TeamChat</title>
</head>
<body data-surface="${parts.surface ?? 'tab'}">
<div id="app"></div>
<script nonce="${nonce}" src="${escapeAttr(parts.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
