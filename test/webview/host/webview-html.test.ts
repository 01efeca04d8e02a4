import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, renderWebviewHtml } from '../../../extension/panel/webview-html';

describe('host webview page', () => {
  const parts = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://r/main.js', styleUri: 'https://r/styles.css' };

  it('allows only its own nonce-tagged script and no inline code', () => {
    const html = renderWebviewHtml({ ...parts, nonce: 'abc123' });
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/r\/main.js"><\/script>/);
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('makes a fresh unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{24}$/);
    assert.match(contentSecurityPolicy('x', 'n'), /connect-src 'none'/);
  });

  it('marks the page with the place it is shown in, the tab unless it is the view', () => {
    assert.match(renderWebviewHtml({ ...parts, surface: 'view' }), /<body data-surface="view">/);
    assert.match(renderWebviewHtml(parts), /<body data-surface="tab">/);
  });
});
