import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { badInputCases, type BadInputCase, type Caller } from './cases/bad-input.cases';
import { webSocketFrameCases, type WebSocketFrameCase } from './cases/websocket-frames.cases';
import { createAccount, type Account } from './support/accounts';
import { call, expectStatus, isJsonError, serverErrors } from './support/api';
import { createSharedGroup, removeWithRotation, type SharedGroup } from './support/groups';
import { fill } from './support/placeholders';
import { changedTables, RowCounter } from './support/row-counts';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';
import { tally } from './support/tally';

describe('reliability: bad input', function () {
  this.timeout(120_000);
  let server: ServerUnderTest;
  let rows: RowCounter;
  let callers: Record<Exclude<Caller, 'none'>, Account>;
  let values: Record<string, string>;

  before(async function () {
    this.timeout(180_000);
    server = await startServerUnderTest('badinput');
    const url = server.baseUrl;
    const [admin, member, outsider, leaver] = await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map((name) => createAccount(url, name)),
    ) as [Account, Account, Account, Account];
    callers = { admin, member, outsider };
    // The group is at generation 2, so generation 1 is stale.
    const group: SharedGroup = await createSharedGroup(url, admin, [member, leaver], 'bad input');
    await removeWithRotation(url, admin, group, leaver, [admin, member]);
    const other = await createSharedGroup(url, outsider, [], 'outsider only');
    const posted: Record<string, string> = {};
    for (const [who, account] of [['adminMsgId', admin], ['memberMsgId', member]] as const) {
      const msgId = (who === 'adminMsgId' ? 'a' : 'b').repeat(32);
      const answer = await call(url, 'POST', `/api/groups/${group.groupId}/messages`, {
        token: account.token, body: { msgId, generation: 2, encryptedBlobB64: Buffer.alloc(200, 7).toString('base64') },
      });
      expectStatus(answer, 201, `seed message by ${account.username}`);
      posted[who] = msgId;
    }
    values = {
      group: group.groupId, otherGroup: other.groupId,
      admin: admin.username, member: member.username, outsider: outsider.username,
      adminMsgId: posted.adminMsgId!, memberMsgId: posted.memberMsgId!,
    };
    rows = await RowCounter.open(server.databaseUrl);
  });

  after(async function () {
    await rows?.close();
    await server?.stop();
  });

  it('keeps at least 150 cases as data', function () {
    assert.ok(badInputCases.length >= 150, `only ${badInputCases.length} cases`);
  });

  for (const testCase of badInputCases) {
    it(testCase.name, async function () {
      await runCase(testCase);
    });
  }

  describe('on the event stream', function () {
    for (const testCase of webSocketFrameCases) {
      it(`${testCase.name} -> close ${testCase.expectClose}`, async function () {
        const before = await rows.count();
        assert.equal(await closeCodeAfter(testCase), testCase.expectClose);
        tally.badInputCases += 1;
        assert.deepEqual(changedTables(before, await rows.count()), []);
        expectStatus(await call(server.baseUrl, 'GET', '/api/health'), 200, 'health after the case');
      });
    }

    it('garbage after signing in is ignored: the stream stays open and answers a ping', async function () {
      const socket = new WebSocket(`${server.baseUrl.replace(/^http/, 'ws')}/api/events`);
      tally.requests += 1;
      try {
        const frames: string[] = [];
        const next = (type: string) => new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`No ${type} frame within 15 s (got ${frames.join(' | ')}).`)), 15_000);
          const check = () => {
            if (frames.some((f) => (JSON.parse(f) as { type: string }).type === type)) {
              clearTimeout(timer);
              resolve();
            } else {
              socket.once('message', check);
            }
          };
          check();
        });
        socket.on('message', (data) => frames.push(data.toString()));
        await new Promise<void>((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        socket.send(JSON.stringify({ type: 'auth', token: callers.member.token }));
        await next('ready');
        for (const garbage of ['null', 'not json', '{"type":"auth","token":"again"}', '[1,2,3]', '{"type":"subscribe","groupId":"*"}']) socket.send(garbage);
        socket.send(Buffer.from([0, 1, 2, 3]));
        socket.send(JSON.stringify({ type: 'ping' }));
        await next('pong');
        assert.equal(socket.readyState, WebSocket.OPEN);
      } finally {
        socket.terminate();
      }
    });
  });

  function closeCodeAfter(testCase: WebSocketFrameCase): Promise<number> {
    tally.requests += 1;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${server.baseUrl.replace(/^http/, 'ws')}/api/events`);
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error('The server neither closed the socket nor answered within 15 s.'));
      }, 15_000);
      socket.on('open', () => socket.send(testCase.binary ? Buffer.from(testCase.frame) : testCase.frame));
      socket.on('message', (data) => {
        clearTimeout(timer);
        socket.terminate();
        reject(new Error(`The server answered ${data.toString().slice(0, 100)} instead of closing.`));
      });
      socket.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      socket.on('error', () => undefined);
    });
  }

  async function runCase(testCase: BadInputCase): Promise<void> {
    const before = await rows.count();
    const errorsBefore = serverErrors.length;
    const path = fill(testCase.path, values);
    const answer = await call(server.baseUrl, testCase.method, path, {
      ...(testCase.as === 'none' ? {} : { token: callers[testCase.as].token }),
      ...(testCase.rawBody !== undefined ? { rawBody: fill(testCase.rawBody, values) } : {}),
      ...(testCase.body !== undefined ? { rawBody: fill(JSON.stringify(testCase.body), values) } : {}),
      ...(testCase.contentType !== undefined ? { contentType: testCase.contentType } : {}),
      ...(testCase.headers ? { headers: testCase.headers } : {}),
    });
    tally.badInputCases += 1;
    assert.ok(answer.status < 500, `5xx: ${answer.status} ${answer.text.slice(0, 300)}`);
    expectStatus(answer, testCase.expect, testCase.name);
    assert.ok(isJsonError(answer.json), `not a JSON {error, message}: ${answer.text.slice(0, 300)}`);
    assert.equal(serverErrors.length, errorsBefore);
    const after = await rows.count();
    assert.deepEqual(changedTables(before, after), [], 'a rejected request wrote rows');
    const health = await call(server.baseUrl, 'GET', '/api/health');
    expectStatus(health, 200, 'health after the case');
  }
});
