import assert from 'node:assert/strict';
import { normalizeServerUrl } from '../../../client';
import { InvalidServerUrlError } from '../../../client/api/server-url';

describe('server address', () => {
  it('has one canonical form, so pins are not split by a trailing slash', () => {
    assert.equal(normalizeServerUrl('https://chat.example.com/'), 'https://chat.example.com');
    assert.equal(normalizeServerUrl('https://chat.example.com/team/'), 'https://chat.example.com/team');
    assert.equal(normalizeServerUrl('http://127.0.0.1:8800'), 'http://127.0.0.1:8800');
    assert.equal(normalizeServerUrl('http://localhost:8800/'), 'http://localhost:8800');
  });

  it('refuses plain http beyond this machine, and addresses with credentials or queries', () => {
    for (const bad of ['http://chat.example.com', 'ftp://x', 'chat.example.com', 'https://u:p@chat.example.com', 'https://x?y=1']) {
      assert.throws(() => normalizeServerUrl(bad), InvalidServerUrlError, bad);
    }
  });
});
