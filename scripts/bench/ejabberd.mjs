#!/usr/bin/env node
// The bench's peer, ejabberd (Debian's 23.01 with erlang-p1-pgsql), run as its own process on
// loopback, never as the system service.
//
//   node scripts/bench/ejabberd.mjs --install   apt-get install ejabberd erlang-p1-pgsql (the
//                                                package's service is kept from starting)
//   node scripts/bench/ejabberd.mjs --check     exit 0 when it is installed, 1 (with a note) when not
//   node scripts/bench/ejabberd.mjs [--users N] [--database-url URL]
//       writes a config in a temporary folder, makes a database of its own on the PostgreSQL at
//       URL (default BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres) with
//       ejabberd's shipped schema (pg.sql), adds N users (bench0..bench{N-1}, password "bench"),
//       starts ejabberd (no Erlang distribution, so no epmd or node port either), waits until its
//       client port answers and prints one line `READY {json}` (port, host, muc host, beam pid).
//       It runs until SIGTERM, SIGINT or its stdin (a pipe) closes, then stops ejabberd, drops the database
//       and removes the folder. ejabberd gets SIGKILL if this process dies without cleaning up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, fstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';

const PACKAGES = ['ejabberd', 'erlang-p1-pgsql'];
const EJABBERD_LIB = '/usr/lib/x86_64-linux-gnu';
const SCHEMA = '/usr/share/ejabberd/sql/pg.sql';
const HOST = 'bench.localhost';
const MUC_HOST = `conference.${HOST}`;
const INSTALL_COMMAND = 'node scripts/bench/ejabberd.mjs --install';

function installedDirs() {
  const list = (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  return [...list(EJABBERD_LIB), ...list('/usr/lib/erlang/lib')];
}

/** Why ejabberd cannot run here, or null when it can. */
function missing() {
  if (!existsSync('/usr/bin/erl')) return 'Erlang (/usr/bin/erl) is not installed';
  const dirs = installedDirs();
  if (!dirs.some((d) => /^ejabberd-\d/.test(d))) return 'ejabberd is not installed';
  if (!dirs.some((d) => d.startsWith('p1_pgsql-'))) return 'erlang-p1-pgsql (ejabberd\'s PostgreSQL driver) is not installed';
  if (!existsSync(SCHEMA)) return `ejabberd's PostgreSQL schema ${SCHEMA} is missing`;
  return null;
}

function install() {
  // The package's postinst would start the system service; policy-rc.d answering 101 forbids it.
  const policy = '/usr/sbin/policy-rc.d';
  const hadPolicy = existsSync(policy);
  const saved = hadPolicy ? readFileSync(policy) : null;
  writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (update.status !== 0) return update.status ?? 1;
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { stdio: 'inherit', env });
    if (result.status !== 0) return result.status ?? 1;
  } finally {
    if (saved) writeFileSync(policy, saved, { mode: 0o755 });
    else rmSync(policy, { force: true });
  }
  // policy-rc.d kept the package from starting the system service; if something started it anyway, stop it.
  spawnSync('sh', ['-c', 'ejabberdctl status >/dev/null 2>&1 && ejabberdctl stop >/dev/null 2>&1; true']);
  const why = missing();
  if (why) {
    console.error(`ejabberd: installed, but ${why}.`);
    return 1;
  }
  console.log('ejabberd: installed; the system service is not running. The bench starts its own on loopback.');
  return 0;
}

function config({ port, databaseName }) {
  // YAML; every value here is ours (no user input). Throttles are lifted so the server is
  // measured, not its defaults for the open internet: no shaper, no stanza-size cut, no per-room
  // or per-user caps the bench would hit, a listen backlog like Node's (ejabberd's default is 5). The MUC archive goes to PostgreSQL, which commits
  // synchronously as TeamChat's does (synchronous_commit is the server's default, on).
  return `hosts: ["${HOST}"]
loglevel: warning
log_rotate_count: 0
hide_sensitive_log_data: true
certfiles: []
sql_type: pgsql
sql_server: "127.0.0.1"
sql_port: 5432
sql_database: "${databaseName}"
sql_username: "postgres"
sql_password: ""
sql_pool_size: 10
new_sql_schema: false
default_db: sql
auth_method: sql
auth_password_format: plain
listen:
  -
    port: ${port}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    shaper: none
    max_stanza_size: 1048576
    starttls_required: false
    backlog: 1024
    access: c2s
shaper_rules:
  max_user_sessions: 100000
  max_user_offline_messages: 100000
  c2s_shaper: none
  s2s_shaper: none
acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  c2s:
    allow: all
  muc_create:
    allow: local
modules:
  mod_disco: {}
  mod_roster: {}
  mod_mam:
    db_type: sql
    default: always
  mod_muc:
    host: "${MUC_HOST}"
    db_type: sql
    access: all
    access_create: muc_create
    access_persistent: muc_create
    access_mam: all
    max_users: 100000
    max_users_admin_threshold: 100000
    max_users_presence: 100000
    max_user_conferences: 100000
    min_message_interval: 0
    min_presence_interval: 0
    default_room_options:
      mam: true
      persistent: true
      public: true
      max_users: 100000
`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function adminQuery(url, sql, values) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Resolves once ejabberd's client port answers a stream header with its own. */
async function waitUntilListening(port, beam, log, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (beam.exitCode !== null || beam.signalCode !== null) throw new Error(`ejabberd exited during start-up:\n${log().slice(-3000)}`);
    const answered = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      const done = (ok) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(2000, () => done(false));
      socket.on('error', () => done(false));
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('<stream:features')) done(true);
      });
      socket.on('connect', () => socket.write(`<?xml version='1.0'?><stream:stream to='${HOST}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`));
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`ejabberd did not answer on 127.0.0.1:${port} within ${seconds} s:\n${log().slice(-3000)}`);
}

const DIR_PREFIX = 'teamchat-bench-ejabberd-';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** What a run killed with SIGKILL left behind (its ejabberd died with it): its database and folder. */
async function removeLeftovers(databaseUrl) {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner;
    try {
      owner = JSON.parse(readFileSync(path.join(dir, 'owner.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner.pid) || alive(owner.pid) || !/^ejabberd_bench_[0-9a-f]{8}$/.test(owner.database)) continue;
    await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${owner.database}" WITH (FORCE)`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serve({ users, databaseUrl }) {
  const why = missing();
  if (why) {
    console.error(`ejabberd: ${why}. Install it with: ${INSTALL_COMMAND}`);
    return 3;
  }
  await removeLeftovers(databaseUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  const databaseName = `ejabberd_bench_${randomBytes(4).toString('hex')}`;
  writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: process.pid, database: databaseName }));
  let beam = null;
  let dbMade = false;
  let cleaning = null;
  const cleanup = () => {
    cleaning ??= (async () => {
      if (beam && beam.exitCode === null && beam.signalCode === null) {
        const exited = new Promise((resolve) => beam.once('exit', resolve));
        beam.kill('SIGTERM');
        const forced = setTimeout(() => beam.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(forced);
      }
      if (dbMade) await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch((e) => console.error(`ejabberd: could not drop ${databaseName}: ${e.message}`));
      rmSync(dir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  const stopAndExit = (code) => () => void cleanup().finally(() => process.exit(code));
  process.on('SIGTERM', stopAndExit(0));
  process.on('SIGINT', stopAndExit(130));
  // A pipe on stdin (a caller that may die without a signal): its end stops ejabberd too.
  const stdin = fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.on('end', stopAndExit(0));
    process.stdin.on('error', stopAndExit(0));
    process.stdin.resume();
  }
  try {
    await adminQuery(databaseUrl, `CREATE DATABASE "${databaseName}"`);
    dbMade = true;
    const dbUrl = withDatabase(databaseUrl, databaseName);
    await adminQuery(dbUrl, readFileSync(SCHEMA, 'utf8'));
    await adminQuery(dbUrl, "INSERT INTO users (username, password) SELECT 'bench' || n, 'bench' FROM generate_series(0, $1::int - 1) AS n", [users]);
    const { rows } = await adminQuery(dbUrl, 'SHOW synchronous_commit');
    const port = await freePort();
    const configPath = path.join(dir, 'ejabberd.yml');
    writeFileSync(configPath, config({ port, databaseName }));
    const erlArgs = [
      '-noinput', '+K', 'true', '+P', '1000000',
      '-mnesia', 'dir', `"${path.join(dir, 'spool')}"`,
      '-s', 'ejabberd',
    ];
    const env = {
      ...process.env,
      EJABBERD_CONFIG_PATH: configPath,
      EJABBERD_LOG_PATH: path.join(dir, 'ejabberd.log'),
      ERL_LIBS: EJABBERD_LIB,
      ERL_MAX_PORTS: '100000',
      ERL_MAX_ETS_TABLES: '2000',
      ERL_CRASH_DUMP_BYTES: '0',
      HOME: dir,
    };
    const useSetpriv = existsSync('/usr/bin/setpriv');
    beam = spawn(useSetpriv ? '/usr/bin/setpriv' : '/usr/bin/erl', useSetpriv ? ['--pdeathsig', 'SIGKILL', '/usr/bin/erl', ...erlArgs] : erlArgs, {
      cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const keep = (chunk) => {
      log = (log + chunk.toString()).slice(-20_000);
    };
    beam.stdout.on('data', keep);
    beam.stderr.on('data', keep);
    const readLog = () => {
      let file = '';
      try {
        file = readFileSync(path.join(dir, 'ejabberd.log'), 'utf8');
      } catch {
        // not written yet
      }
      return `${log}\n${file}`;
    };
    beam.once('exit', (code, signal) => {
      if (!cleaning) {
        console.error(`ejabberd exited (${code ?? signal}):\n${readLog().slice(-3000)}`);
        void cleanup().finally(() => process.exit(1));
      }
    });
    await waitUntilListening(port, beam, readLog);
    const comm = readFileSync(`/proc/${beam.pid}/comm`, 'utf8').trim();
    console.log(`READY ${JSON.stringify({
      port, host: HOST, mucHost: MUC_HOST, pid: beam.pid, process: comm, users, password: 'bench', database: databaseName,
      synchronous_commit: rows[0]?.synchronous_commit, dir,
    })}`);
  } catch (error) {
    console.error(`ejabberd: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    return 1;
  }
  return null;
}

const { values } = parseArgs({
  options: {
    install: { type: 'boolean' }, check: { type: 'boolean' }, users: { type: 'string' }, 'database-url': { type: 'string' },
  },
  strict: true,
});
if (values.install) process.exit(install());
if (values.check) {
  const why = missing();
  if (why) console.log(`ejabberd: ${why}. Install it with: ${INSTALL_COMMAND}`);
  process.exit(why ? 1 : 0);
}
const users = Number(values.users ?? 300);
if (!Number.isInteger(users) || users < 0 || users > 1_000_000) {
  console.error('--users must be a whole number up to 1,000,000.');
  process.exit(2);
}
const code = await serve({
  users, databaseUrl: values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
});
if (code !== null) process.exit(code);
