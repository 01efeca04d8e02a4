import type { Command } from '../command';

export const adminUsers: Command = {
  name: 'admin users',
  usage: 'admin users',
  summary: 'list the accounts on this server and their status (server admin)',
  arity: [0, 0],
  async run(ctx) {
    const client = await ctx.client();
    const { users } = await client.api.adminUsers();
    ctx.out.result({ users }, users.length === 0 ? ['No accounts.'] : users.map((u) =>
      `${u.username}  ${u.status}${u.serverAdmin ? '  server admin' : ''}  since ${u.createdAt.slice(0, 10)}`));
  },
};
