import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HELP, readConfig } from '../../server/config';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

function guide(): string {
  const section = README.split(/^## /m).find((part) => part.startsWith('Running it for a team'));
  assert.ok(section, 'README.md has a "## Running it for a team" section');
  return section;
}

describe('the production guide in the README', () => {
  it('names only environment variables the server reads', () => {
    const named = new Set(guide().match(/\bTEAMCHAT_[A-Z_]+\b|\b(?:DATABASE_URL|JWT_SECRET)\b/g));
    assert.ok(named.size >= 5);
    for (const name of named) assert.ok(HELP.includes(name), `${name} is in --help`);
  });

  it('gives the systemd unit a command line the server accepts', () => {
    const execStart = /^ExecStart=\S+ \/opt\/teamchat\/teamchat-server\.js (.+)$/m.exec(guide());
    assert.ok(execStart?.[1], 'the unit has an ExecStart running the installed teamchat-server');
    const config = readConfig(execStart[1].replace('%i', '8801').split(/\s+/), { DATABASE_URL: 'postgres://db/teamchat', TEAMCHAT_TRUST_PROXY: '127.0.0.1' });
    assert.deepEqual([config?.command, config?.port, config?.host, config?.secretFile], ['start', 8801, '127.0.0.1', '/var/lib/teamchat/server-secret.json']);
    assert.equal(config?.trustProxy, '127.0.0.1');
  });

  it('lists every metric family the server serves in docs/api.md', () => {
    const api = readFileSync(path.join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    const source = readFileSync(path.join(__dirname, '..', '..', 'server', 'metrics', 'server-metrics.ts'), 'utf8');
    const families = [...source.matchAll(/name: '(teamchat_[a-z_]+)'/g)].map((m) => m[1]!);
    assert.ok(families.length >= 7);
    for (const name of families) assert.ok(api.includes(`\`${name}\``), `${name} is documented`);
  });
});
