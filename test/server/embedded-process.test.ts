import assert from 'node:assert/strict';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { ServerStartError, startServerProcess, type ServerProcess } from '../support/server-process';
import { registerBody, uniqueName } from './support/api';

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, json: await res.json() };
}

describe('server process on the embedded database', function () {
  this.timeout(120_000);
  let dataDir: TempDataDir | undefined;
  let running: ServerProcess | undefined;

  before(() => { dataDir = createTempDataDir('embedded-process'); });
  after(async () => {
    await running?.stop();
    dataDir?.remove();
  });

  it('starts on an empty folder, refuses a second server on it, and keeps its data across a restart', async () => {
    running = await startServerProcess({ dataDir: dataDir!.dir });
    assert.deepEqual((await json(`${running.url}/api/health`)).json, { status: 'ok', database: 'embedded' });
    const body = registerBody(uniqueName('persist'));
    const registered = await json(`${running.url}/api/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    assert.equal(registered.status, 201);

    await assert.rejects(startServerProcess({ dataDir: dataDir!.dir }), (error: unknown) =>
      error instanceof ServerStartError && /Another TeamChat server .* uses/.test(error.output));

    await running.stop();
    running = await startServerProcess({ dataDir: dataDir!.dir });
    const login = await json(`${running.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: body.username, authKeyB64: body.authKeyB64 }),
    });
    assert.equal(login.status, 200, 'the account outlived the restart');
  });

  it('starts again after being killed outright, over its leftover lock and socket files', async () => {
    running!.child.kill('SIGKILL');
    await new Promise((resolve) => running!.child.once('exit', resolve));
    running = await startServerProcess({ dataDir: dataDir!.dir });
    assert.equal((await json(`${running.url}/api/health`)).status, 200);
  });
});
