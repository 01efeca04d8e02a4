import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../config';
import { DataDirInUseError, lockDataDir } from '../db/embedded-postgres';
import { contents, writeBackupFile } from './backup-file';
import { CommandFailed, type ServerCommand } from './command';
import { parseCommandArgs } from './command-args';
import { inUseMessage, pgdataDir } from './offline-database';
import { openPglite, summarize } from './pglite-direct';

const HELP = `Usage: teamchat-server backup <file> [--data-dir <dir>]

Copies the embedded database into <file>, whole and consistent, while its server is stopped
(stop it, back up, start it: a copy of a folder being written could be torn). The file holds
what the server holds: ciphertext, public keys, group membership. It holds nothing that
decrypts, signs in or mints a token; the token secret file is not in it (keep a copy of that
apart; without it a restored server makes a new one and every client refreshes once).

On PostgreSQL (--database-url or DATABASE_URL) use pg_dump instead, e.g.
  pg_dump --format=custom --file teamchat.dump "$DATABASE_URL"   (restore with pg_restore)

Options:
  --data-dir <dir>   folder of the embedded database (env TEAMCHAT_DATA_DIR)
  --help             show this text
`;

export const POSTGRESQL_BACKUP = 'This server uses PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom --file teamchat.dump "$DATABASE_URL") and restore it with pg_restore; teamchat-server backup and restore are for the embedded database.';

export const backup: ServerCommand = {
  name: 'backup',
  help: HELP,
  async run(args, env) {
    const parsed = parseCommandArgs('backup', args, env, { words: ['<file>'] });
    if (!parsed) return void process.stdout.write(HELP);
    const { config } = parsed;
    if (config.databaseUrl) throw new ConfigError(POSTGRESQL_BACKUP);
    const file = path.resolve(parsed.words[0]!);
    const pgdata = pgdataDir(config.dataDir);
    if (!existsSync(pgdata)) throw new CommandFailed(`There is no TeamChat database in ${config.dataDir} to back up; give the server's --data-dir (or TEAMCHAT_DATA_DIR).`);
    let unlock: () => void;
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirInUseError) throw new CommandFailed(inUseMessage(error, 'back it up'));
      throw error;
    }
    let db: PGlite | undefined;
    try {
      db = await openPglite(pgdata);
      const summary = await summarize(db);
      if (!summary) throw new CommandFailed(`${config.dataDir} holds a database that is not a TeamChat one; nothing was written.`);
      const tarball = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
      await db.close();
      const info = writeBackupFile(file, summary, tarball);
      const size = `${(info.bytes / 1_048_576).toFixed(1)} MB`;
      console.log(`Backed up the embedded database in ${config.dataDir} to ${file} (${size}; ${contents(info)}, ${info.migrations.length} migrations).`);
      console.log(config.jwtSecret
        ? 'Tokens are signed with JWT_SECRET, which is not in the backup: keep it with your other secrets.'
        : `The token secret file ${config.secretFile} is not in the backup, by design: keep a copy of it apart, as a secret.`);
    } finally {
      if (db && !db.closed) await db.close().catch(() => undefined);
      unlock();
    }
  },
};
