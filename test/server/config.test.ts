import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, DEFAULT_PORT, readConfig } from '../../server/config';
import { defaultDataDir } from '../../server/data-dir';

describe('server configuration', () => {
  it('defaults to the embedded database in the user data folder on loopback', () => {
    const config = readConfig([], { XDG_DATA_HOME: '/data/home' });
    assert.ok(config);
    assert.equal(config.port, DEFAULT_PORT);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, process.platform === 'linux' ? '/data/home/teamchat' : defaultDataDir({ XDG_DATA_HOME: '/data/home' }));
    assert.equal(config.authRateLimit, 30);
    assert.equal(config.accessTokenSeconds, 900);
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/x', TEAMCHAT_DATA_DIR: '/env/dir', JWT_SECRET: 's', TEAMCHAT_TRUST_PROXY: 'true' };
    const fromEnv = readConfig([], env);
    assert.deepEqual([fromEnv?.port, fromEnv?.host, fromEnv?.databaseUrl, fromEnv?.dataDir, fromEnv?.jwtSecret, fromEnv?.trustProxy],
      [9000, '0.0.0.0', 'postgres://db/x', '/env/dir', 's', true]);
    const fromFlags = readConfig(['--port', '0', '--host', '::1', '--data-dir', '/flag/dir', '--database-url', 'postgres://db/y'], env);
    assert.deepEqual([fromFlags?.port, fromFlags?.host, fromFlags?.dataDir, fromFlags?.databaseUrl], [0, '::1', '/flag/dir', 'postgres://db/y']);
  });

  it('keeps the token secret in a file of the data folder unless told where, and knows rotate-secret', () => {
    const config = readConfig(['--data-dir', '/srv/teamchat'], {});
    assert.equal(config?.command, 'start');
    assert.equal(config?.secretFile, path.join('/srv/teamchat', 'server-secret.json'));
    assert.equal(readConfig([], { TEAMCHAT_SECRET_FILE: '/etc/teamchat/secret.json' })?.secretFile, '/etc/teamchat/secret.json');
    assert.equal(readConfig(['--secret-file', '/flag.json'], { TEAMCHAT_SECRET_FILE: '/env.json' })?.secretFile, '/flag.json');
    assert.equal(readConfig(['rotate-secret', '--data-dir', '/srv/teamchat'], {})?.command, 'rotate-secret');
    assert.throws(() => readConfig(['rotate'], {}), /Unknown command/);
    assert.throws(() => readConfig(['rotate-secret', 'now'], {}), /Unknown command/);
  });

  it('answers --help with null and refuses unknown flags, bad ports and half a TLS pair', () => {
    assert.equal(readConfig(['--help'], {}), null);
    assert.throws(() => readConfig(['--bogus'], {}), ConfigError);
    assert.throws(() => readConfig(['--port', '70000'], {}), ConfigError);
    assert.throws(() => readConfig([], { PORT: 'eighty' }), ConfigError);
    assert.throws(() => readConfig(['--tls-cert', '/nope.pem'], {}), /both a certificate and a key/);
    assert.throws(() => readConfig(['--tls-cert', '/nope.pem', '--tls-key', '/nope.key'], {}), /Cannot read the TLS file/);
    assert.throws(() => readConfig([], { TEAMCHAT_AUTH_RATE_LIMIT: '0' }), ConfigError);
    for (const bad of ['4', '86401', '1.5', 'soon']) {
      assert.throws(() => readConfig([], { TEAMCHAT_ACCESS_TOKEN_SECONDS: bad }), /TEAMCHAT_ACCESS_TOKEN_SECONDS/, bad);
    }
    assert.equal(readConfig([], { TEAMCHAT_ACCESS_TOKEN_SECONDS: '60' })?.accessTokenSeconds, 60);
  });

  it('registration: open on loopback, invite beyond it, and --registration / TEAMCHAT_REGISTRATION win; member invites off by default', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) assert.equal(readConfig(['--host', host], {})?.registration, 'open', host);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'chat.example.com']) assert.equal(readConfig(['--host', host], {})?.registration, 'invite', host);
    assert.equal(readConfig([], { HOST: '0.0.0.0' })?.registration, 'invite');
    assert.equal(readConfig(['--host', '127.0.0.1'], { TEAMCHAT_TRUST_PROXY: '127.0.0.1' })?.registration, 'invite', 'behind a proxy, others reach it');
    assert.equal(readConfig(['--host', '0.0.0.0'], { TEAMCHAT_REGISTRATION: 'open' })?.registration, 'open');
    assert.equal(readConfig(['--registration', 'closed'], { TEAMCHAT_REGISTRATION: 'open' })?.registration, 'closed');
    assert.throws(() => readConfig(['--registration', 'anyone'], {}), /not one of open, invite or closed/);
    assert.equal(readConfig([], {})?.memberInvites, false);
    assert.equal(readConfig(['--member-invites'], {})?.memberInvites, true);
    assert.equal(readConfig([], { TEAMCHAT_MEMBER_INVITES: 'true' })?.memberInvites, true);
    assert.throws(() => readConfig([], { TEAMCHAT_MEMBER_INVITES: 'yes' }), /TEAMCHAT_MEMBER_INVITES must be true or false/);
  });

  it('turns /metrics on only with a TEAMCHAT_METRICS_TOKEN of at least 16 printable characters', () => {
    assert.equal(readConfig([], {})?.metricsToken, undefined);
    assert.equal(readConfig([], { TEAMCHAT_METRICS_TOKEN: '' })?.metricsToken, undefined);
    assert.equal(readConfig([], { TEAMCHAT_METRICS_TOKEN: 'a1b2c3d4e5f6a7b8' })?.metricsToken, 'a1b2c3d4e5f6a7b8');
    for (const bad of ['short', 'sixteen chars ok', 'tab\tin-the-middle-x']) {
      assert.throws(() => readConfig([], { TEAMCHAT_METRICS_TOKEN: bad }), /TEAMCHAT_METRICS_TOKEN/, bad);
    }
  });

  it('file attachments: 25 MiB per file and 1 GiB per user by default, both settable in MiB, 0 quota for none', () => {
    const defaults = readConfig([], {});
    assert.deepEqual([defaults?.maxFileBytes, defaults?.fileQuotaBytes], [25 * 1024 * 1024, 1024 * 1024 * 1024]);
    const set = readConfig([], { TEAMCHAT_MAX_FILE_MB: '2.5', TEAMCHAT_FILE_QUOTA_MB: '0' });
    assert.deepEqual([set?.maxFileBytes, set?.fileQuotaBytes], [2.5 * 1024 * 1024, null]);
    for (const bad of ['-1', 'lots', 'Infinity']) assert.throws(() => readConfig([], { TEAMCHAT_MAX_FILE_MB: bad }), /TEAMCHAT_MAX_FILE_MB/, bad);
  });
});
