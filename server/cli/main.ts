import { errorMessage } from '../../common/error-message';
import { ConfigError, HELP, readConfig } from '../config';
import { admin } from './admin';
import { backup } from './backup';
import { CommandFailed, type ServerCommand } from './command';
import { migrate } from './migrate';
import { restore } from './restore';
import { rotateSecret } from './rotate-secret';
import { serve } from './serve';

/** The commands besides serving (and rotate-secret, which shares serve's options). */
const COMMANDS: readonly ServerCommand[] = [migrate, backup, restore, admin];

/** Words that mean the server's own options follow: serve (the default), its old name start, and rotate-secret. */
const SERVE_WORDS = new Set(['serve', 'start', 'rotate-secret']);

async function serveOrRotate(argv: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const config = readConfig(argv[0] === 'serve' ? argv.slice(1) : argv, env);
  if (!config) {
    process.stdout.write(HELP);
    return false;
  }
  if (config.command === 'rotate-secret') {
    rotateSecret(config);
    return false;
  }
  await serve(config);
  return true;
}

/**
 * `teamchat-server` (and `npm run server`): the first word picks the command, serve when there
 * is none. Exits 0 when done, 1 when the task failed, 2 for a usage error, each failure one
 * sentence on stderr; a server that started keeps the process running.
 */
export async function runServerCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const [first] = argv;
  const serving = first === undefined || first.startsWith('-') || SERVE_WORDS.has(first);
  try {
    if (serving) {
      if (await serveOrRotate(argv, env)) return;
    } else if (first === 'help') {
      process.stdout.write(HELP);
    } else {
      const command = COMMANDS.find((candidate) => candidate.name === first);
      if (!command) {
        throw new ConfigError(`Unknown command "${first}"; the commands are serve, ${COMMANDS.map((c) => c.name).join(', ')} and rotate-secret (run with --help).`);
      }
      await command.run(argv.slice(1), env);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof CommandFailed) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(serving ? `The server could not start: ${errorMessage(error)}` : `teamchat-server ${first}: ${errorMessage(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
