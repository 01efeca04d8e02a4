import { ConfigError } from '../config';
import { ADMIN_TASKS, usernameWord } from './admin-tasks';
import { CommandFailed, DATABASE_OPTIONS_HELP, type ServerCommand } from './command';
import { parseCommandArgs } from './command-args';
import { openOfflineDatabase } from './offline-database';

const taskLines = ADMIN_TASKS.map((task) => `  ${[task.name, ...task.words].join(' ').padEnd(17)} ${task.summary}`).join('\n');

const HELP = `Usage: teamchat-server admin <task> [words] [--data-dir <dir> | --database-url <url>]

Account tasks on the server host, working on the database directly (no account or token
needed: whoever runs this can already read the database). On PostgreSQL they run beside the
servers; the embedded database needs its server stopped.

Tasks:
${taskLines}

Options:
${DATABASE_OPTIONS_HELP}
`;

export const admin: ServerCommand = {
  name: 'admin',
  help: HELP,
  async run(args, env) {
    const parsed = parseCommandArgs('admin', args, env, { words: ['<task>'], rest: true });
    if (!parsed) return void process.stdout.write(HELP);
    const [name, ...words] = parsed.words;
    const task = ADMIN_TASKS.find((candidate) => candidate.name === name);
    if (!task) throw new ConfigError(`There is no admin task "${name}"; the tasks are ${ADMIN_TASKS.map((t) => t.name).join(', ')} (run "teamchat-server admin --help").`);
    if (words.length !== task.words.length) {
      const usage = [task.name, ...task.words].join(' ');
      throw new ConfigError(`Usage: teamchat-server admin ${usage}${words.length > task.words.length ? ` (not "${words.join(' ')}")` : ''}.`);
    }
    task.words.forEach((word, i) => { if (word === '<user>') usernameWord(words[i]!); });
    const database = await openOfflineDatabase(parsed.config, 'run admin tasks', false);
    try {
      const pending = await database.orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) {
        throw new CommandFailed(`The database has ${pending.length} migration${pending.length === 1 ? '' : 's'} to run first: run "teamchat-server migrate" (or start the server once).`);
      }
      await task.run(database.orm.em.fork(), words);
    } finally {
      await database.close();
    }
  },
};
