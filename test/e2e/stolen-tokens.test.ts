// What a thief gets from a copy of the database or of one refresh token, tried against real
// server processes over HTTP with real clients: a dump signs nobody in and mints nothing; a
// rotation of the signing secret ends every access token but no session; a refresh token used
// twice ends its whole sign-in and the client asks for the passphrase instead of signing in
// again on its own; signing out, locking and `teamchat logout` leave no token alive.
import assert from 'node:assert/strict';
import { createSecretKey, hkdfSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { MemorySecretStore, SignedOutError, TeamChatClient } from '../../client';
import { runCli } from '../../client/cli/main';
import { ProfileFileSecretStore, profileKeyFromKek, readProfileHeader } from '../../client/secrets/profile-file-secret-store';
import { getJson, SECRET_KEYS, type SecretStore } from '../../client/secrets/secret-store';
import type { StoredSession } from '../../client/session/session';
import type { LoginAnswer, PreloginAnswer, RefreshAnswer } from '../../common/api';
import { deriveAccountKeys } from '../../common/crypto';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { registerBody, uniqueName } from '../server/support/api';
import { dumpPostgres } from './support/database-dump';
import { connectionBecomes, groupAppears, Inbox, TEST_CLIENT_OPTIONS } from './support/chat-world';

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET_FILE = 'server-secret.json';

async function http<T = unknown>(base: string, method: string, route: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

const codeOf = (answer: { json: unknown }) => (answer.json as { error?: string } | undefined)?.error;
const refresh = (base: string, refreshToken: string) => http<RefreshAnswer>(base, 'POST', '/api/auth/refresh', { refreshToken });

/** A raw account over HTTP: its tokens, for playing the thief. */
async function rawAccount(base: string): Promise<{ username: string; accessToken: string; refreshToken: string }> {
  const body = registerBody(uniqueName('raw'));
  assert.equal((await http(base, 'POST', '/api/auth/register', body)).status, 201);
  const login = await http<LoginAnswer>(base, 'POST', '/api/auth/login', { username: body.username, authKeyB64: body.authKeyB64 });
  assert.equal(login.status, 200);
  return { username: body.username, accessToken: login.json.accessToken, refreshToken: login.json.refreshToken };
}

async function storedRefreshToken(store: SecretStore): Promise<string> {
  const session = await getJson<StoredSession>(store, SECRET_KEYS.session);
  assert.ok(session, 'a session is stored');
  return session.refreshToken;
}

/** Every value a key could hide in: bytes as they are, text as text, hex and base64 decoded. */
function keyCandidates(value: unknown, into: Buffer[]): void {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return;
  if (value instanceof Uint8Array) {
    into.push(Buffer.from(value));
    return;
  }
  if (value instanceof Date) return;
  if (typeof value === 'string') {
    into.push(Buffer.from(value, 'utf8'));
    if (/^(?:[0-9a-f]{2})+$/i.test(value)) into.push(Buffer.from(value, 'hex'));
    if (/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(value)) into.push(Buffer.from(value, 'base64'));
    return;
  }
  if (Array.isArray(value)) return value.forEach((item) => keyCandidates(item, into));
  if (typeof value === 'object') for (const item of Object.values(value)) keyCandidates(item, into);
}

/** Does this key (as an HS256 key, or as the master the server derives its key from) verify the token? */
function verifiesWith(candidate: Buffer, token: string): boolean {
  const derived = Buffer.from(hkdfSync('sha256', candidate, Buffer.alloc(0), 'teamchat/v1/server/jwt', 32));
  for (const key of [candidate, derived]) {
    if (key.length === 0) continue;
    try {
      jwt.verify(token, createSecretKey(key), { algorithms: ['HS256'], ignoreExpiration: true });
      return true;
    } catch {
      // Not the key.
    }
  }
  return false;
}

function cliIo(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({ isTTY: false, write: (chunk: string | Uint8Array) => { append(String(chunk)); return true; } }) as unknown as NodeJS.WriteStream;
  return {
    io: {
      argv, env: { PATH: process.env.PATH, ...env }, stdin: process.stdin, interrupted: new Promise<void>(() => undefined),
      stdout: sink((text) => (stdout += text)), stderr: sink((text) => (stderr += text)),
    },
    output: () => ({ stdout, stderr }),
  };
}

async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, output } = cliIo(argv, env);
  const code = await runCli(io);
  return { code, ...output() };
}

describe('stolen backups and stolen tokens', function () {
  this.timeout(180_000);
  let database: TestDatabase | undefined;
  let folder: TempDataDir | undefined;
  let shortFolder: TempDataDir | undefined;
  /** Default token lifetime: rotation and the dump. */
  let server: ServerProcess | undefined;
  /** Five-second access tokens, so every client request refreshes first. */
  let short: ServerProcess | undefined;
  const clients: TeamChatClient[] = [];

  before(async () => {
    database = await createTestDatabase('stolen');
    folder = createTempDataDir('stolen');
    shortFolder = createTempDataDir('stolen-short');
    [server, short] = await Promise.all([
      startServerProcess({ databaseUrl: database.url, dataDir: folder.dir }),
      startServerProcess({ databaseUrl: database.url, dataDir: shortFolder.dir, env: { TEAMCHAT_ACCESS_TOKEN_SECONDS: '5' } }),
    ]);
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    await Promise.all([server?.stop(), short?.stop()]);
    await database?.drop();
    folder?.remove();
    shortFolder?.remove();
  });

  async function client(base: string, store: SecretStore = new MemorySecretStore()): Promise<TeamChatClient> {
    const made = await TeamChatClient.signUp(base, uniqueName('c'), `${uniqueName('p')}: a long test passphrase`, store, TEST_CLIENT_OPTIONS);
    clients.push(made);
    return made;
  }

  it('a full dump of the database holds nothing that verifies or mints a token, nor the secret file\'s bytes', async () => {
    const alice = await client(server!.url);
    const group = await alice.createGroup('dumped');
    await alice.sendText(group.id, 'in the dump');
    const raw = await rawAccount(server!.url);
    const spent = await refresh(server!.url, raw.refreshToken);
    assert.equal(spent.status, 200);
    const tokens = [raw.accessToken, spent.json.accessToken, (await rawAccount(short!.url)).accessToken];

    const candidates: Buffer[] = [];
    const pgClient = new pg.Client({ connectionString: database!.url });
    await pgClient.connect();
    let tables: string[];
    const refreshHashes: string[] = [];
    try {
      const listed = await pgClient.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      tables = listed.rows.map((row) => row.table_name);
      for (const table of tables) {
        const rows = await pgClient.query<Record<string, unknown>>(`SELECT * FROM ${pg.escapeIdentifier(table)}`);
        for (const row of rows.rows) keyCandidates(row, candidates);
        if (table === 'refresh_tokens') refreshHashes.push(...rows.rows.map((row) => String(row.token_hash)));
      }
    } finally {
      await pgClient.end();
    }
    assert.ok(candidates.length > 50, `the dump has data to try (${candidates.length} values)`);
    for (const candidate of candidates) {
      for (const token of tokens) assert.ok(!verifiesWith(candidate, token), `a value of the dump verifies a real access token: ${candidate.toString('hex').slice(0, 16)}…`);
    }
    assert.ok(!tables.includes('server_secret'), 'no table keeps the signing secret');
    // Nor does anything in it work as a refresh token: they are kept as SHA-256 only.
    assert.ok(refreshHashes.length >= 2);
    for (const hash of refreshHashes) assert.equal((await refresh(server!.url, hash)).status, 401);

    const dump = await dumpPostgres(database!.url);
    const text = `${dump.rows}\n${dump.extraText}`;
    for (const dir of [folder!.dir, shortFolder!.dir]) {
      const file = path.join(dir, SECRET_FILE);
      assert.equal(statSync(file).mode & 0o777, 0o600, 'the secret file is readable by the server\'s user only');
      const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      for (const [name, value] of Object.entries(secrets)) {
        if (name === 'v' || name === 'rotatedAt') continue;
        const bytes = Buffer.from(value, 'base64');
        for (const form of [value, bytes.toString('hex'), bytes.toString('base64url')]) assert.ok(!text.includes(form), `the dump holds the ${name} of ${file}`);
      }
    }
  });

  it('rotating the secret ends every access token (401 token_expired) but no session: clients refresh and go on', async () => {
    const alice = await client(server!.url);
    const bob = await client(server!.url);
    const group = await alice.createGroup('rotated');
    const bobSees = groupAppears(bob, group.id);
    await alice.addMember(group.id, bob.username);
    await Promise.all([alice.connect(), bob.connect()]);
    await bobSees;
    const raw = await rawAccount(server!.url);
    const stranger = uniqueName('nobody');
    const fakeSalt = (await http<PreloginAnswer>(server!.url, 'GET', `/api/auth/prelogin?username=${stranger}`)).json.kdf.saltB64;
    assert.equal((await http(server!.url, 'GET', '/api/groups', undefined, raw.accessToken)).status, 200);
    const file = path.join(folder!.dir, SECRET_FILE);
    const before = readFileSync(file, 'utf8');
    const bobStates: string[] = [];
    bob.on('connection', (state) => bobStates.push(state));

    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.JWT_SECRET;
    const said = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts'), 'rotate-secret', '--data-dir', folder!.dir], { cwd: ROOT, env, encoding: 'utf8' });
    assert.match(said, /Rotated the token secret/);
    assert.notEqual(readFileSync(file, 'utf8'), before);
    assert.equal(statSync(file).mode & 0o777, 0o600);

    let refused: { status: number; json: unknown } | undefined;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const answer = await http(server!.url, 'GET', '/api/groups', undefined, raw.accessToken);
      if (answer.status !== 200) {
        refused = answer;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(refused?.status, 401, 'the running server refuses the old access token within seconds');
    assert.equal(codeOf(refused!), 'token_expired', 'so that clients refresh');
    const renewed = await refresh(server!.url, raw.refreshToken);
    assert.equal(renewed.status, 200, 'the refresh token still works: it is not signed by the secret');
    assert.equal((await http(server!.url, 'GET', '/api/groups', undefined, renewed.json.accessToken)).status, 200);

    // Real clients: their next request refreshes; bob's socket is closed and comes back.
    const inbox = new Inbox(bob);
    const sent = await alice.sendText(group.id, 'after the rotation');
    await connectionBecomes(bob, 'connected');
    assert.equal((await inbox.next((m) => m.msgId === sent.msgId)).body, 'after the rotation');
    assert.ok(bobStates.includes('reconnecting'), `bob's socket signed in with an old token was closed (${bobStates.join(', ')})`);
    assert.equal((await bob.history(group.id)).at(-1)?.msgId, sent.msgId);

    const saltAfter = (await http<PreloginAnswer>(server!.url, 'GET', `/api/auth/prelogin?username=${stranger}`)).json.kdf.saltB64;
    assert.equal(saltAfter, fakeSalt, 'a stranger\'s fake salt does not change, so a rotation tells no one who is not an account');
  });

  it('a stolen refresh token used first by the thief: the owner\'s refresh ends the sign-in, and the client asks for the passphrase', async () => {
    const store = new MemorySecretStore();
    const owner = await client(short!.url, store);
    const signedOut: Error[] = [];
    owner.on('signed-out', (error) => signedOut.push(error));
    const stolen = await storedRefreshToken(store);
    const thief = await refresh(short!.url, stolen);
    assert.equal(thief.status, 200);

    await assert.rejects(owner.refreshGroups(), (error: unknown) => error instanceof SignedOutError && /sign in again/.test(error.message));
    assert.equal(signedOut.length, 1, 'the client reports the session ended');
    const thiefAgain = await refresh(short!.url, thief.json.refreshToken);
    assert.equal(thiefAgain.status, 401);
    assert.equal(codeOf(thiefAgain), 'refresh_token_reused', 'the thief\'s descendant is dead too');
    await assert.rejects(owner.refreshGroups(), SignedOutError, 'no silent sign-in with the kept authKey later either');
    assert.equal(await store.get(SECRET_KEYS.session), undefined);
  });

  it('a stolen refresh token replayed after the owner refreshed: the replay ends the sign-in, the owner is asked for the passphrase', async () => {
    const store = new MemorySecretStore();
    const owner = await client(short!.url, store);
    const signedOut: Error[] = [];
    owner.on('signed-out', (error) => signedOut.push(error));
    const stolen = await storedRefreshToken(store);
    await owner.refreshGroups();
    const descendant = await storedRefreshToken(store);
    assert.notEqual(descendant, stolen, 'the owner refreshed');

    const replay = await refresh(short!.url, stolen);
    assert.equal(replay.status, 401);
    assert.equal(codeOf(replay), 'refresh_token_reused');
    assert.equal(codeOf(await refresh(short!.url, descendant)), 'refresh_token_reused', 'the owner\'s newer token is dead too');
    await assert.rejects(owner.refreshGroups(), SignedOutError);
    assert.equal(signedOut.length, 1);
  });

  it('the CLI stops with exit code 3 and says to sign in again when its refresh token was used by someone else', async () => {
    const profile = createTempDataDir('stolen-cli');
    try {
      const passphrase = 'frank: a long passphrase for the CLI';
      const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_PASSPHRASE: passphrase, TEAMCHAT_SERVER: short!.url };
      const registered = await cli(['register', uniqueName('frank')], env);
      assert.equal(registered.code, 0, registered.stderr);
      const header = await readProfileHeader(profile.dir);
      const { kek } = await deriveAccountKeys(passphrase, header!.kdf);
      const store = await ProfileFileSecretStore.open(profile.dir, profileKeyFromKek(kek));
      assert.equal((await refresh(short!.url, await storedRefreshToken(store!))).status, 200, 'the thief refreshes first');

      const groups = await cli(['groups'], env);
      assert.equal(groups.code, 3, groups.stdout + groups.stderr);
      assert.match(groups.stderr, /sign in again/);
      const again = await cli(['groups'], env);
      assert.equal(again.code, 3, 'still signed out: no silent sign-in');
    } finally {
      profile.remove();
    }
  });

  it('Sign Out and Lock (TeamChatClient.signOut) and `teamchat logout` revoke the refresh token on the server', async () => {
    const store = new MemorySecretStore();
    const owner = await client(server!.url, store);
    await owner.refreshGroups();
    const token = await storedRefreshToken(store);
    await owner.signOut();
    const after = await refresh(server!.url, token);
    assert.equal(after.status, 401);
    assert.equal(codeOf(after), 'invalid_refresh_token');

    const profile = createTempDataDir('logout-cli');
    try {
      const passphrase = 'gina: a long passphrase for the CLI';
      const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_PASSPHRASE: passphrase, TEAMCHAT_SERVER: server!.url };
      assert.equal((await cli(['register', uniqueName('gina')], env)).code, 0);
      const header = await readProfileHeader(profile.dir);
      const { kek } = await deriveAccountKeys(passphrase, header!.kdf);
      const stolen = await storedRefreshToken((await ProfileFileSecretStore.open(profile.dir, profileKeyFromKek(kek)))!);
      const out = await cli(['logout'], env);
      assert.equal(out.code, 0, out.stderr);
      assert.equal((await refresh(server!.url, stolen)).status, 401, 'a copy of the profile\'s refresh token is worth nothing after logout');
    } finally {
      profile.remove();
    }
  });
});
