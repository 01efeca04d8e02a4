/** One `teamchat-server` command: its word, its help text and what it does. */
export interface ServerCommand {
  name: string;
  /** The whole text `teamchat-server <name> --help` prints. */
  help: string;
  run(args: string[], env: NodeJS.ProcessEnv): Promise<void>;
}

/** A task that could not be done: one sentence on stderr, exit code 1. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** The options every command that reaches the database shares, for its --help text. */
export const DATABASE_OPTIONS_HELP = `  --data-dir <dir>   folder of the embedded database (env TEAMCHAT_DATA_DIR)
  --database-url <u> the PostgreSQL to use instead (env DATABASE_URL)
  --help             show this text`;
