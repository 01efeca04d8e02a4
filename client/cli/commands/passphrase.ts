import { profileKeyFromKek } from '../../secrets/profile-file-secret-store';
import { SECRET_KEYS } from '../../secrets/secret-store';
import { TeamChatClient } from '../../teamchat-client';
import { assertNewPassphrase } from '../../keys/passphrase-rule';
import type { Command } from '../command';
import { openProfile } from '../profile';

export const passphrase: Command = {
  name: 'passphrase',
  usage: 'passphrase',
  summary: 'change your passphrase (other devices are signed out; groups and history stay)',
  arity: [0, 0],
  async run(ctx) {
    let current = '';
    const opened = await openProfile(ctx.profileDir, ctx.args.options.server as string | undefined, ctx.env, async (username) => {
      current = await ctx.passphrases.read(`Current passphrase for ${username}: `);
      return current;
    });
    const next = await ctx.passphrases.read('Choose a new passphrase: ', { confirm: true, newPassphrase: true });
    assertNewPassphrase(next);
    const client = await TeamChatClient.start(opened.server, opened.account, opened.store);
    try {
      await client.changePassphrase(current, next);
      // The profile is sealed with a key from the kek, so it follows the passphrase.
      const { account } = client;
      await opened.store.rekey(account.kdf, profileKeyFromKek(account.kek), { [SECRET_KEYS.keyVault]: account.keyVaultB64 });
    } finally {
      await client.disconnect();
    }
    ctx.out.result({ username: client.username, server: client.server }, `Changed the passphrase of ${client.username}; other devices are signed out.`);
  },
};
