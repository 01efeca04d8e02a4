import type { Command } from '../command';

export const logout: Command = {
  name: 'logout',
  usage: 'logout',
  summary: 'sign out: revoke the session on the server and forget it here (pinned keys stay)',
  arity: [0, 0],
  async run(ctx) {
    const client = await ctx.client();
    await client.signOut();
    ctx.out.result({ username: client.username }, `Signed out ${client.username}.`);
  },
};
