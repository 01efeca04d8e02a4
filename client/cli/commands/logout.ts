import { rm } from 'node:fs/promises';
import type { Command } from '../command';
import { searchIndexFile } from './search';

export const logout: Command = {
  name: 'logout',
  usage: 'logout',
  summary: 'sign out: revoke the session on the server and forget it here, with the search index (pinned keys stay)',
  arity: [0, 0],
  async run(ctx) {
    const client = await ctx.client();
    await client.signOut();
    await rm(searchIndexFile(ctx.profileDir), { force: true });
    ctx.out.result({ username: client.username }, `Signed out ${client.username}.`);
  },
};
