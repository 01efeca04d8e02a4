// The passphrase comes from TEAMCHAT_PASSPHRASE (for scripts) or is typed at the terminal
// without echo. It is never written anywhere.

import { NoPassphraseError, UsageError } from './cli-errors';

export interface PassphraseSource {
  /**
   * `newPassphrase`: a passphrase being chosen, which scripts give in TEAMCHAT_NEW_PASSPHRASE;
   * `recoveryKey`: the recovery key, from TEAMCHAT_RECOVERY_KEY (never an argument: argv shows in ps).
   */
  read(prompt: string, options?: { confirm?: boolean; newPassphrase?: boolean; recoveryKey?: boolean }): Promise<string>;
}

export function passphraseSource(env: NodeJS.ProcessEnv, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): PassphraseSource {
  return {
    async read(prompt, options = {}) {
      const fromEnv = options.recoveryKey ? env.TEAMCHAT_RECOVERY_KEY : options.newPassphrase ? env.TEAMCHAT_NEW_PASSPHRASE : env.TEAMCHAT_PASSPHRASE;
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (!stdin.isTTY && options.recoveryKey) throw new UsageError('A recovery key is needed and there is no terminal to ask for it; set TEAMCHAT_RECOVERY_KEY.');
      if (!stdin.isTTY) throw new NoPassphraseError();
      const first = await readHidden(prompt, stdin, stderr);
      if (options.confirm && (await readHidden('Repeat the passphrase: ', stdin, stderr)) !== first) {
        throw new UsageError('The two passphrases differ; run the command again.');
      }
      if (first.length === 0) throw new UsageError('The passphrase must not be empty.');
      return first;
    },
  };
}

function readHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('Cancelled.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
