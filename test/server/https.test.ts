import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function getOverTls(url: string, ca: Buffer): Promise<{ status: number; body: string; hsts?: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, hsts: res.headers['strict-transport-security'] }));
    }).on('error', reject);
  });
}

describe('HTTPS', function () {
  this.timeout(120_000);
  let folder: TempDataDir | undefined;
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;

  after(async () => {
    await server?.stop();
    await database?.drop();
    folder?.remove();
  });

  it('serves the API over TLS when given a certificate and key', async function () {
    if (!hasOpenssl()) this.skip();
    folder = createTempDataDir('tls');
    const cert = path.join(folder.dir, 'cert.pem');
    const key = path.join(folder.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    database = await createTestDatabase('tls');
    server = await startServerProcess({ databaseUrl: database.url, env: { TEAMCHAT_TLS_CERT: cert, TEAMCHAT_TLS_KEY: key } });
    assert.match(server.url, /^https:\/\//);
    const res = await getOverTls(`${server.url}/api/health`, readFileSync(cert));
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body) as unknown, { status: 'ok', database: 'postgresql' });
    assert.ok(res.hsts);
  });
});
