import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../config';
import { DataDirInUseError, lockDataDir } from '../db/embedded-postgres';
import { migrationsList } from '../migrations';
import { POSTGRESQL_BACKUP } from './backup';
import { contents, readBackupFile, type BackupInfo } from './backup-file';
import { CommandFailed, type ServerCommand } from './command';
import { parseCommandArgs } from './command-args';
import { inUseMessage, pgdataDir } from './offline-database';
import { openPglite, summarize } from './pglite-direct';

const HELP = `Usage: teamchat-server restore <file> [--data-dir <dir>] [--force]

Puts a backup written by "teamchat-server backup" into the data folder, as the embedded
database of the next server started on it (which runs any newer migrations first). The
file is checked whole before anything changes. A folder that already holds a database is
refused; --force replaces that database (it is lost). The server on the folder must be
stopped. The token secret file is not in a backup: copy yours back beside it, or the server
makes a new one at start and every client refreshes its access token once.

On PostgreSQL restore a pg_dump with pg_restore instead.

Options:
  --data-dir <dir>   folder to restore into (env TEAMCHAT_DATA_DIR)
  --force            replace the database the folder holds
  --help             show this text
`;

function holdsDatabase(pgdata: string): boolean {
  return existsSync(pgdata) && readdirSync(pgdata).length > 0;
}

/** A backup from a newer TeamChat has migrations this one does not know: it could not serve it. */
function checkKnown(file: string, info: BackupInfo): void {
  const known = new Set(migrationsList.map((migration) => migration.name));
  const unknown = info.migrations.find((name) => !known.has(name));
  if (unknown) {
    throw new CommandFailed(`${file} comes from a newer TeamChat server (its database ran ${unknown}, which this version does not have); restore it with that version or a later one.`);
  }
}

/** Loads the tarball into a folder of its own and checks it opens as the database the backup describes. */
async function loadInto(staging: string, tarball: Buffer, info: BackupInfo, file: string): Promise<void> {
  rmSync(staging, { recursive: true, force: true });
  let db: PGlite | undefined;
  try {
    db = await openPglite(staging, new Blob([tarball]));
    const summary = await summarize(db);
    if (!summary || summary.migrations.join() !== info.migrations.join()) {
      throw new CommandFailed(`${file} did not load as the TeamChat database it describes; nothing was changed.`);
    }
  } catch (error) {
    if (db && !db.closed) await db.close().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  await db.close();
}

export const restore: ServerCommand = {
  name: 'restore',
  help: HELP,
  async run(args, env) {
    const parsed = parseCommandArgs('restore', args, env, { words: ['<file>'], force: true });
    if (!parsed) return void process.stdout.write(HELP);
    const { config } = parsed;
    if (config.databaseUrl) throw new ConfigError(POSTGRESQL_BACKUP);
    const file = path.resolve(parsed.words[0]!);
    const { info, tarball } = readBackupFile(file);
    checkKnown(file, info);
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    let unlock: () => void;
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirInUseError) throw new CommandFailed(inUseMessage(error, 'restore'));
      throw error;
    }
    try {
      const pgdata = pgdataDir(config.dataDir);
      const replacing = holdsDatabase(pgdata);
      if (replacing && !parsed.force) {
        throw new CommandFailed(`${config.dataDir} already holds a database; nothing was changed. Restore into a folder without one, or add --force to replace it (the database there now is lost).`);
      }
      const staging = `${pgdata}.restoring`;
      await loadInto(staging, tarball, info, file);
      const replaced = `${pgdata}.replaced`;
      if (existsSync(pgdata)) renameSync(pgdata, replaced);
      renameSync(staging, pgdata);
      rmSync(replaced, { recursive: true, force: true });
      console.log(`Restored ${file} (taken ${info.createdAt}; ${contents(info)}) into ${config.dataDir}${replacing ? ', replacing the database that was there' : ''}.`);
      console.log(existsSync(config.secretFile) || config.jwtSecret
        ? 'Start the server on it; it keeps the token secret it has.'
        : `Start the server on it. There is no token secret file at ${config.secretFile}: copy yours there first, or the server makes a new one and every client refreshes its access token once.`);
    } finally {
      unlock();
    }
  },
};
