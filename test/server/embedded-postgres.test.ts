import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataDirInUseError, startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embedded-postgres';
import { openDatabase } from '../../server/db/orm';
import { createTempDataDir, type TempDataDir } from '../support/database';

async function query(db: EmbeddedPostgres, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ host: db.host, port: db.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);
}

describe('embedded PostgreSQL on its own thread', function () {
  this.timeout(120_000);
  let dataDir: TempDataDir;
  let db: EmbeddedPostgres | undefined;

  beforeEach(() => { dataDir = createTempDataDir('embedded-pg'); });
  afterEach(async () => {
    await db?.stop();
    db = undefined;
    dataDir.remove();
  });

  it('serves on a private socket, locks the folder, and keeps what it wrote across stop and start', async () => {
    db = await startEmbeddedPostgres(dataDir.dir);
    assert.equal(statSync(path.join(db.host, '.s.PGSQL.5432')).mode & 0o777, 0o600);
    assert.equal(readFileSync(path.join(dataDir.dir, 'server.pid'), 'utf8'), String(process.pid));
    await query(db, 'CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)');
    await db.stop();
    assert.equal(existsSync(path.join(dataDir.dir, 'server.pid')), false, 'stop() released the lock');
    db = await startEmbeddedPostgres(dataDir.dir);
    assert.deepEqual((await query(db, 'SELECT x FROM kept')).rows, [{ x: 42 }]);
  });

  it('refuses a folder another running process holds', async () => {
    writeFileSync(path.join(dataDir.dir, 'server.pid'), String(process.ppid));
    await assert.rejects(startEmbeddedPostgres(dataDir.dir), DataDirInUseError);
  });

  it('reports a data folder it cannot open as an error, and leaves the folder unlocked', async () => {
    mkdirSync(path.join(dataDir.dir, 'pgdata'));
    writeFileSync(path.join(dataDir.dir, 'pgdata', 'PG_VERSION'), 'not a version\n');
    writeFileSync(path.join(dataDir.dir, 'pgdata', 'global'), 'not a folder');
    await assert.rejects(within(60_000, startEmbeddedPostgres(dataDir.dir)), (error: unknown) => error instanceof Error && !/no answer within/.test(error.message));
    assert.equal(existsSync(path.join(dataDir.dir, 'server.pid')), false);
  });

  it('surfaces a crash of its thread: the listener hears of it and queries fail instead of hanging', async () => {
    db = await startEmbeddedPostgres(dataDir.dir);
    const orm = await openDatabase({ kind: 'embedded', host: db.host, port: db.port });
    try {
      await orm.em.getKnex().raw('SELECT 1');
      const crashed = new Promise<Error>((resolve) => db!.onCrash(resolve));
      await db.kill();
      assert.match((await within(5_000, crashed)).message, /exited with code/);
      // What /api/health runs: it must fail (503), not wait.
      await assert.rejects(within(10_000, orm.em.getKnex().raw('SELECT 1')), (error: unknown) => !/no answer within/.test(String(error)));
    } finally {
      await orm.close(true);
    }
    await db.stop();
    assert.equal(existsSync(path.join(dataDir.dir, 'server.pid')), false, 'stop() after a crash still releases the lock');
  });
});
