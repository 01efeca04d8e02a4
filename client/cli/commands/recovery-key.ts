import { TeamChatClient } from '../../teamchat-client';
import type { Command } from '../command';
import { openProfile } from '../profile';
import { recoveryKeyLines } from '../recovery-key-text';

export const recoveryKey: Command = {
  name: 'recovery-key',
  usage: 'recovery-key',
  summary: 'make a new recovery key (asks your passphrase; the one before stops working) and show it once',
  arity: [0, 0],
  async run(ctx) {
    let current = '';
    const opened = await openProfile(ctx.profileDir, ctx.args.options.server as string | undefined, ctx.env, async (username) => {
      current = await ctx.passphrases.read(`Passphrase for ${username}: `);
      return current;
    });
    const client = await TeamChatClient.start(opened.server, opened.account, opened.store);
    const key = await client.createRecoveryKey(current);
    ctx.out.result({ username: client.username, server: client.server, recoveryKey: key }, [`Made a new recovery key for ${client.username}; the one before no longer works.`, ...recoveryKeyLines(key)]);
  },
};
