// The first sign-up question checks that a TeamChat server answers, against real sockets: a
// server that answers like TeamChat, one whose database is down, a web server that is not
// TeamChat, a port nobody listens on, and an address that is not one.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeServer } from '../../../client/api/server-probe';

function serve(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/api/health' ? status : 404, { 'content-type': 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

describe('server probe', () => {
  const servers: Server[] = [];
  const start = async (status: number, body: string) => {
    const s = await serve(status, body);
    servers.push(s.server);
    return s.url;
  };
  after(() => servers.forEach((s) => s.close()));

  it('accepts a server that answers the health check as TeamChat, and gives its canonical address', async () => {
    const url = await start(200, JSON.stringify({ status: 'ok', database: 'embedded' }));
    assert.deepEqual(await probeServer(` ${url}/ `), { ok: true, url });
  });

  it('says the database is down when the health check answers 503', async () => {
    const url = await start(503, JSON.stringify({ error: 'database_unavailable', message: 'x' }));
    const probe = await probeServer(url);
    assert.equal(probe.ok, false);
    assert.match(!probe.ok ? probe.problem : '', /up but its database is not/);
  });

  it('says a web server that is not TeamChat is not TeamChat, and repeats nothing it sent', async () => {
    const url = await start(200, '<html>\u001b[31m{"status":"ok"} welcome</html>');
    const probe = await probeServer(url);
    assert.equal(probe.ok, false);
    const problem = !probe.ok ? probe.problem : '';
    assert.match(problem, /not a TeamChat server/);
    assert.ok(!problem.includes('welcome') && !problem.includes('\u001b'));
    const other = await probeServer(await start(200, JSON.stringify({ status: 'ok', database: 'mysql' })));
    assert.equal(other.ok, false, 'a health answer of the wrong shape is not TeamChat either');
  });

  it('says nothing answers at a port where nobody listens', async () => {
    const url = await start(200, '{}');
    servers.pop()?.close();
    await new Promise((r) => setTimeout(r, 50));
    const probe = await probeServer(url);
    assert.equal(probe.ok, false);
    assert.match(!probe.ok ? probe.problem : '', /^Nothing answers at 127\.0\.0\.1:\d+: the connection was refused\./);
  });

  it('refuses what is not a server address, and plain http beyond loopback, without a request', async () => {
    let asked = 0;
    const counting = (() => { asked++; return Promise.reject(new Error('no')); }) as typeof fetch;
    for (const text of ['chat.example.com', 'http://chat.example.com', 'https://user:pw@chat.example.com', '']) {
      const probe = await probeServer(text, counting);
      assert.equal(probe.ok, false, text);
      assert.match(!probe.ok ? probe.problem : '', /not a server address/);
    }
    assert.equal(asked, 0);
  });
});
