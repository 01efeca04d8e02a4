import { parseArgs } from 'node:util';
import { ConfigError, configFromFlags, SERVER_OPTIONS, type ServerConfig } from '../config';

export interface CommandArgs {
  config: Omit<ServerConfig, 'command'>;
  /** The words after the command, as many as it takes. */
  words: string[];
  /** --force, for the commands that take it. */
  force: boolean;
}

interface Shape {
  /** The command's words, for the message when there are too few or too many: e.g. ['<file>']. */
  words: string[];
  /** Whether the last word may repeat (admin's task and its arguments). */
  rest?: boolean;
  force?: boolean;
}

/** A command's words and the server's flags (plus --force where it is one); null for --help. */
export function parseCommandArgs(name: string, args: string[], env: NodeJS.ProcessEnv, shape: Shape): CommandArgs | null {
  const options = shape.force ? { ...SERVER_OPTIONS, force: { type: 'boolean' } } as const : SERVER_OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}; run "teamchat-server ${name} --help" for its options.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return null;
  const words = parsed.positionals;
  const wanted = shape.words.join(' ');
  if (words.length < shape.words.length) {
    throw new ConfigError(`"teamchat-server ${name}" needs ${wanted}; run "teamchat-server ${name} --help".`);
  }
  if (!shape.rest && words.length > shape.words.length) {
    throw new ConfigError(`"teamchat-server ${name}" takes ${wanted || 'no words'}, not "${words.join(' ')}"; run "teamchat-server ${name} --help".`);
  }
  return { config: configFromFlags(parsed.values, env), words, force: values.force === true };
}
