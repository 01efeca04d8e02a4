import { migrationsList } from '../migrations';
import { runMigrations } from '../db/orm';
import { DATABASE_OPTIONS_HELP, type ServerCommand } from './command';
import { parseCommandArgs } from './command-args';
import { openOfflineDatabase } from './offline-database';

const HELP = `Usage: teamchat-server migrate [--data-dir <dir> | --database-url <url>]

Runs the database migrations this version has and the database has not, says which ran, and
exits. "serve" runs them too before it listens; this is for doing it ahead, e.g. in a deploy
step. On PostgreSQL it may run beside running servers: one process migrates at a time. The
embedded database needs its server stopped. A database that holds nothing yet is created.

Options:
${DATABASE_OPTIONS_HELP}
`;

export const migrate: ServerCommand = {
  name: 'migrate',
  help: HELP,
  async run(args, env) {
    const parsed = parseCommandArgs('migrate', args, env, { words: [] });
    if (!parsed) return void process.stdout.write(HELP);
    const database = await openOfflineDatabase(parsed.config, 'migrate', true);
    let ran: string[];
    try {
      ran = await runMigrations(database.orm, database.target);
    } finally {
      await database.close();
    }
    const where = database.target.kind === 'postgresql' ? 'The PostgreSQL database' : `The embedded database in ${parsed.config.dataDir}`;
    if (ran.length === 0) {
      console.log(`${where} is up to date: all ${migrationsList.length} migrations had run; none ran now.`);
    } else {
      console.log(`Ran ${ran.length} migration${ran.length === 1 ? '' : 's'} on ${where.charAt(0).toLowerCase()}${where.slice(1)}:\n${ran.map((name) => `  ${name}`).join('\n')}`);
    }
  },
};
