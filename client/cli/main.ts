// `teamchat`: the command-line client over the client core. Parses the line, runs one
// command, prints its result, and turns any failure into one line on stderr and an exit
// code scripts can rely on.

import path from 'node:path';
import { checkOptions, parseCommandLine, type ParsedArgs } from './args';
import { UsageError } from './cli-errors';
import type { Command, CommandContext } from './command';
import { add } from './commands/add';
import { adminInviteCreate, adminInviteList, adminInviteRevoke } from './commands/admin-invites';
import { adminGrant, adminRevoke } from './commands/admin-roles';
import { adminDeactivate, adminDelete, adminReactivate } from './commands/admin-account';
import { adminDeactivated } from './commands/admin-deactivated';
import { adminUsers } from './commands/admin-users';
import { create } from './commands/create';
import { deleteGroup } from './commands/delete';
import { fingerprint } from './commands/fingerprint';
import { groups } from './commands/groups';
import { leave } from './commands/leave';
import { log } from './commands/log';
import { login } from './commands/login';
import { logout } from './commands/logout';
import { members } from './commands/members';
import { passphrase } from './commands/passphrase';
import { read } from './commands/read';
import { download } from './commands/download';
import { recover } from './commands/recover';
import { recoveryKey } from './commands/recovery-key';
import { register } from './commands/register';
import { remove } from './commands/remove';
import { rename } from './commands/rename';
import { promote } from './commands/promote';
import { demote } from './commands/demote';
import { rotate } from './commands/rotate';
import { search } from './commands/search';
import { send } from './commands/send';
import { dm } from './commands/dm';
import { topic } from './commands/topic';
import { resolve } from './commands/resolve';
import { watch } from './commands/watch';
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from './exit-codes';
import { createOutput } from './output';
import { terminalJson, terminalLine } from './terminal-text';
import { errorMessage } from '../../common/error-message';
import { passphraseSource } from './passphrase';
import { defaultProfileDir, unlockProfile } from './profile';
import type { TeamChatClient } from '../teamchat-client';

export const COMMANDS: readonly Command[] = [
  register, login, logout, passphrase, recoveryKey, recover, groups, create, rename, topic, add, remove, promote, demote, leave, rotate, deleteGroup, send, dm, read, resolve, search, download, watch, members, log,
  fingerprint, adminInviteCreate, adminInviteList, adminInviteRevoke, adminGrant, adminRevoke,
  adminUsers, adminDeactivate, adminReactivate, adminDelete, adminDeactivated,
];

const GLOBAL_HELP = `Global options:
  --server <url>     the TeamChat server (or TEAMCHAT_SERVER; remembered by the profile after login)
  --profile <dir>    where this account's encrypted profile lives (or TEAMCHAT_PROFILE; default ~/.teamchat)
  --json             print results as JSON
  -h, --help         show help
The passphrase is asked without echo, or read from TEAMCHAT_PASSPHRASE (a new one from TEAMCHAT_NEW_PASSPHRASE,
a recovery key from TEAMCHAT_RECOVERY_KEY).
A group is named by its id or its name; a direct message by @ and the other person's username (@bob).`;

function help(command?: Command): string {
  if (command) return `Usage: teamchat ${command.usage}\n${command.summary}\n\n${GLOBAL_HELP}\n\n${EXIT_CODES_HELP}`;
  const width = Math.max(...COMMANDS.map((c) => c.usage.split(' [--')[0]!.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.split(' [--')[0]!.padEnd(width)}  ${c.summary}`);
  return `Usage: teamchat [options] <command> [arguments]\n\nCommands:\n${lines.join('\n')}\n\n${GLOBAL_HELP}\n\n${EXIT_CODES_HELP}`;
}

/**
 * The command the line names; a name may have several words ("admin invite create"), the
 * longest match wins and its words are taken off the positionals.
 */
function findCommand(args: ParsedArgs): Command | undefined {
  const words = [args.command ?? '', ...args.positionals];
  for (let count = Math.min(words.length, 3); count > 0; count--) {
    const name = words.slice(0, count).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) {
      args.command = name;
      args.positionals = words.slice(count);
      return command;
    }
  }
  return undefined;
}

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  interrupted: Promise<void>;
}

export async function runCli(io: CliIo): Promise<number> {
  let args: ParsedArgs | undefined;
  let json = io.argv.includes('--json');
  let client: TeamChatClient | undefined;
  try {
    args = parseCommandLine(io.argv);
    json = args.options.json === true;
    const out = createOutput(json, io.stdout, io.stderr);
    const command = findCommand(args);
    if (!args.command || (args.options.help && !command)) {
      io.stdout.write(help() + '\n');
      return args.command || args.options.help ? EXIT.ok : EXIT.usage;
    }
    if (!command) throw new UsageError(`Unknown command "${args.command}"; see "teamchat --help".`);
    if (args.options.help) {
      io.stdout.write(help(command) + '\n');
      return EXIT.ok;
    }
    checkOptions(args, command.options ?? []);
    const [min, max] = command.arity;
    if (args.positionals.length < min || args.positionals.length > max) {
      throw new UsageError(`Usage: teamchat ${command.usage}`);
    }
    const profileDir = path.resolve((args.options.profile as string | undefined) ?? io.env.TEAMCHAT_PROFILE ?? defaultProfileDir());
    const passphrases = passphraseSource(io.env, io.stdin, io.stderr);
    const parsed = args;
    const ctx: CommandContext = {
      args: parsed,
      out,
      env: io.env,
      profileDir,
      passphrases,
      stdin: io.stdin,
      interrupted: io.interrupted,
      client: async () => {
        if (client) return client;
        client = await unlockProfile(profileDir, parsed.options.server as string | undefined, io.env, passphrases);
        // What the client does on its own (live events, catch-up) and chooses not to throw.
        client.on('error', (error) => out.note(`warning: ${error.message}`));
        return client;
      },
    };
    await command.run(ctx);
    return EXIT.ok;
  } catch (error) {
    const message = errorMessage(error).split('\n')[0];
    const code = exitCodeFor(error);
    // The message may come from the server, so it is printed like user text.
    if (json) io.stderr.write(terminalJson({ error: (error as Error)?.name ?? 'Error', message, exitCode: code }) + '\n');
    else io.stderr.write(`teamchat: ${terminalLine(message ?? '')}\n`);
    return code;
  } finally {
    await client?.disconnect().catch(() => undefined);
  }
}

/** Runs the CLI in this process with its real arguments and streams, then exits. */
export function main(): void {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // runCli turns every failure into an exit code, so this never rejects.
  void runCli({ argv: process.argv.slice(2), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, interrupted }).then((code) => {
    // Nothing may keep a finished command alive (sockets, timers of a half-open connection);
    // stdout is flushed first so piped output is complete.
    process.stdout.write('', () => process.exit(code));
  });
}

if (require.main === module) main();
