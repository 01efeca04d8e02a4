// Two server processes started together on one PostgreSQL: one setup code between them (the
// other says one is live), usable through either, once, and never in the pino log.
import assert from 'node:assert/strict';
import type { ServerInfoAnswer } from '../../common/api';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { registerBody, uniqueName } from './support/api';

const SETUP_LINE = /^Setup code \(one use, until \S+\): (setup-[A-Za-z0-9_-]{32})$/m;

async function http<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(base + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

describe('the setup code with two server processes on one PostgreSQL', function () {
  this.timeout(120_000);
  let database: TestDatabase | undefined;
  let dataDir: TempDataDir | undefined;
  const servers: ServerProcess[] = [];

  before(async () => {
    database = await createTestDatabase('setup');
    dataDir = createTempDataDir('setup');
    const options = { databaseUrl: database.url, dataDir: dataDir.dir, env: { TEAMCHAT_LOG_LEVEL: 'info', TEAMCHAT_REGISTRATION: 'closed' } };
    servers.push(...await Promise.all([startServerProcess(options), startServerProcess(options)]));
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    dataDir?.remove();
  });

  it('one process makes and prints the code, the other says one is live; it works once, through either, and is never logged', async () => {
    const outputs = servers.map((s) => s.output());
    for (const output of outputs) assert.match(output, /^Registration: closed \(no new accounts\)\.$/m);
    const made = outputs.map((o) => SETUP_LINE.exec(o)?.[1]);
    assert.equal(made.filter(Boolean).length, 1, outputs.join('\n---\n'));
    const maker = made.findIndex(Boolean);
    const code = made[maker]!;
    assert.match(outputs[1 - maker]!, /A setup code was printed by another process/);

    const other = servers[1 - maker]!.url;
    assert.equal((await http<ServerInfoAnswer>(other, 'GET', '/api/server')).json.setupPending, true);
    const first = await http(other, 'POST', '/api/auth/register', { ...registerBody(uniqueName('root')), setupCode: code });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const again = await http<{ error: string }>(servers[maker]!.url, 'POST', '/api/auth/register', { ...registerBody(uniqueName('late')), setupCode: code });
    assert.equal(again.status, 400);
    assert.equal(again.json.error, 'invalid_setup_code');
    for (const server of servers) assert.equal((await http<ServerInfoAnswer>(server.url, 'GET', '/api/server')).json.setupPending, false);

    const logLines = servers.flatMap((s) => s.output().split('\n')).filter((line) => line.startsWith('{'));
    assert.ok(logLines.some((line) => line.includes('the setup code made the first server admin')), 'the pino log says what happened');
    assert.ok(logLines.every((line) => !line.includes(code.slice(6))), 'the code is in no log line');
  });
});
