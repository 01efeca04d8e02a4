import type { TeamChatClient } from '../teamchat-client';
import type { OptionName, ParsedArgs } from './args';
import type { Output } from './output';
import type { PassphraseSource } from './passphrase';

/** What a command gets: its arguments, where to print, and how to reach the account. */
export interface CommandContext {
  args: ParsedArgs;
  out: Output;
  env: NodeJS.ProcessEnv;
  profileDir: string;
  passphrases: PassphraseSource;
  stdin: NodeJS.ReadStream;
  /** Unlocks the profile (asks for the passphrase) and returns a signed-in client. */
  client(): Promise<TeamChatClient>;
  /** Resolves when the user asks the command to stop (Ctrl-C, SIGTERM). */
  interrupted: Promise<void>;
}

export interface Command {
  name: string;
  /** e.g. "send <group> [text]" */
  usage: string;
  summary: string;
  /** [minimum, maximum] positional arguments after the command name. */
  arity: [number, number];
  options?: OptionName[];
  run(ctx: CommandContext): Promise<void>;
}
