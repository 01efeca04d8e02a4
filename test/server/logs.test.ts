import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LoginAnswer, RefreshAnswer } from '../../common/api';
import { buildApp, loggerOptions } from '../../server/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { b64, blob, call, newGroupId, newMsgId, registerBody, sealedKey, uniqueName } from './support/api';
import { EventClient } from './support/events';

describe('server logs', function () {
  this.timeout(60_000);
  let database: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  const lines: string[] = [];

  before(async () => {
    database = await createTestDatabase('logs');
    const logger = { ...(loggerOptions('trace') as object), stream: { write: (line: string) => { lines.push(line); } } };
    app = await buildApp({ databaseUrl: database.url, jwtSecret: randomBytes(32).toString('base64url'), logger, authRateLimit: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });

  after(async () => {
    await app?.close();
    await database?.drop();
  });

  it('hold no token, authKey, key, vault or blob, through a whole session and its errors', async () => {
    const server = app!;
    const secrets: string[] = [];
    const body = registerBody(uniqueName('log'));
    secrets.push(body.authKeyB64, body.keyVaultB64, body.encryptionPublicKeyB64, body.signingPublicKeyB64, body.kdf.saltB64);
    assert.equal((await call(server, 'POST', '/api/auth/register', { body })).status, 201);
    const login = await call<LoginAnswer>(server, 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: body.authKeyB64 } });
    const refreshed = await call<RefreshAnswer>(server, 'POST', '/api/auth/refresh', { body: { refreshToken: login.json.refreshToken } });
    const token = refreshed.json.accessToken;
    secrets.push(login.json.accessToken, login.json.refreshToken, token, refreshed.json.refreshToken);

    const groupKey = sealedKey();
    const groupId = newGroupId();
    await call(server, 'POST', '/api/groups/create', { token, body: { id: groupId, name: 'logs', encryptedGroupKeyB64: groupKey } });
    const messageBlob = blob(300);
    await call(server, 'POST', `/api/groups/${groupId}/messages`, { token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: messageBlob } });
    secrets.push(groupKey, messageBlob);

    // Failures are where a careless handler echoes what it was sent.
    const wrongKey = b64(32);
    const badBody = await call(server, 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: `${wrongKey}!` } });
    assert.equal(badBody.status, 400);
    await call(server, 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: wrongKey } });
    await call(server, 'GET', '/api/groups', { headers: { authorization: `Bearer ${token}x` } });
    const staleBlob = blob(300);
    await call(server, 'POST', `/api/groups/${groupId}/messages`, { token, body: { msgId: newMsgId(), generation: 9, encryptedBlobB64: staleBlob } });
    secrets.push(wrongKey, staleBlob, `${token}x`);
    const events = await EventClient.connect(`${server.listeningOrigin.replace('http', 'ws')}/api/events`, token);
    events.close();
    await events.closed;

    const log = lines.join('');
    assert.ok(lines.length > 10, 'the app did log the requests');
    assert.match(log, /"statusCode":401/);
    for (const secret of secrets) assert.ok(!log.includes(secret), `a secret of ${secret.length} characters is in the log`);
    for (const answer of [badBody.body]) assert.ok(!answer.includes(wrongKey), 'the error answer echoes the key');
  });
});
