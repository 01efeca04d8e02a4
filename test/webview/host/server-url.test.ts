import * as assert from 'node:assert/strict';
import { InvalidServerUrlError, checkServerUrl } from '../../../extension/server-url';

describe('host server URL setting', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(checkServerUrl('https://chat.example.com/'), 'https://chat.example.com');
    assert.equal(checkServerUrl(' http://127.0.0.1:8080 '), 'http://127.0.0.1:8080');
    assert.equal(checkServerUrl('http://localhost:3000/teamchat/'), 'http://localhost:3000/teamchat');
    assert.equal(checkServerUrl('http://[::1]:3000'), 'http://[::1]:3000');
  });

  it('refuses plain http to another host, credentials in the URL, other schemes and nothing', () => {
    for (const bad of ['http://chat.example.com', 'http://127.example.com', 'https://u:p@chat.example.com', 'ftp://chat.example.com', 'chat.example.com', '', 'https://x.test/?t=1']) {
      assert.throws(() => checkServerUrl(bad), InvalidServerUrlError, bad);
    }
    assert.throws(() => checkServerUrl('http://chat.example.com'), /https:\/\/chat\.example\.com/);
  });
});
