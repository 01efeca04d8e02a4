import { ApiClient } from '../../api/api-client';
import { assertNewPassphrase } from '../../keys/passphrase-rule';
import { readRecoveryKey, recoverAccount } from '../../keys/recovery-key';
import { TeamChatClient } from '../../teamchat-client';
import type { Command } from '../command';
import { resolveServer, saveSignIn } from '../profile';

export const recover: Command = {
  name: 'recover',
  usage: 'recover <username>',
  summary: 'forgot your passphrase: set a new one with your recovery key (same keys, groups and history; other devices are signed out)',
  arity: [1, 1],
  async run(ctx) {
    const server = resolveServer(ctx.args.options.server as string | undefined, ctx.env);
    const username = ctx.args.positionals[0] as string;
    const typed = await ctx.passphrases.read(`Recovery key for ${username}: `, { recoveryKey: true });
    // A typo is told now, before a new passphrase is asked or anything is sent.
    readRecoveryKey(typed).fill(0);
    const next = await ctx.passphrases.read('Choose a new passphrase: ', { confirm: true, newPassphrase: true });
    assertNewPassphrase(next);
    const account = await recoverAccount(new ApiClient(server), username, typed, next);
    await TeamChatClient.start(server, account, await saveSignIn(ctx.profileDir, server, account));
    ctx.out.result({ username, server }, [
      `Set a new passphrase for ${username} with the recovery key and signed in on ${server}; other devices are signed out.`,
      'The recovery key still works; make a new one with "teamchat recovery-key" if anyone else may have seen it.',
    ]);
  },
};
