import { removeRecoveryKey } from '../../keys/recovery-key';
import { TeamChatClient } from '../../teamchat-client';
import type { Command } from '../command';
import { openProfile } from '../profile';
import { recoveryKeyLines } from '../recovery-key-text';

export const recoveryKey: Command = {
  name: 'recovery-key',
  usage: 'recovery-key [--clear]',
  summary: 'make a new recovery key (asks your passphrase; the one before stops working) and show it once; --clear removes it',
  arity: [0, 0],
  options: ['clear'],
  async run(ctx) {
    let current = '';
    const opened = await openProfile(ctx.profileDir, ctx.args.options.server as string | undefined, ctx.env, async (username) => {
      current = await ctx.passphrases.read(`Passphrase for ${username}: `);
      return current;
    });
    const client = await TeamChatClient.start(opened.server, opened.account, opened.store);
    const { username, server } = client;
    if (ctx.args.options.clear) {
      await removeRecoveryKey(client.api, client.account, current);
      ctx.out.result({ username, server, recoveryKey: null }, `Removed the recovery key of ${username}. Without your passphrase, your messages now cannot be recovered.`);
      return;
    }
    const key = await client.createRecoveryKey(current);
    ctx.out.result({ username, server, recoveryKey: key }, [`Made a new recovery key for ${username}; the one before no longer works.`, ...recoveryKeyLines(key)]);
  },
};
