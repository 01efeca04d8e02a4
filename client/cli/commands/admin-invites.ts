// teamchat admin invite create|list|revoke: invites, for server admins (or every member, where
// the server allows it). The code is shown once, with its vscode:// link; the server keeps a hash.
import type { InviteView } from '../../../common/api';
import { MAX_INVITE_SECONDS } from '../../../common/api';
import { inviteLink } from '../../admin/invite-link';
import { positiveInteger } from '../args';
import { UsageError } from '../cli-errors';
import type { Command } from '../command';

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** "7d", "12h", "30m" -> seconds. */
export function expirySeconds(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d+)([mhd])$/.exec(value) : null;
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : NaN;
  if (!(seconds >= 60 && seconds <= MAX_INVITE_SECONDS)) {
    throw new UsageError(`--expires needs a time like 7d, 12h or 30m, from 1m to 90d, not "${String(value)}".`);
  }
  return seconds;
}

function state(invite: InviteView): string {
  if (invite.revoked) return 'revoked';
  if (Date.parse(invite.expiresAt) <= Date.now()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used up';
  return 'live';
}

function inviteLine(invite: InviteView): string {
  const parts = [
    invite.id, state(invite), `${invite.uses}/${invite.maxUses} used`, `expires ${invite.expiresAt}`,
    `by ${invite.createdBy ?? '(gone)'}`, ...(invite.username ? [`for ${invite.username}`] : []),
    ...(invite.usedBy.length ? [`used by ${invite.usedBy.map((u) => u.username).join(', ')}`] : []),
  ];
  return parts.join('  ');
}

export const adminInviteCreate: Command = {
  name: 'admin invite create',
  usage: 'admin invite create [--uses <n>] [--expires <7d|12h|30m>] [--for <username>]',
  summary: 'create an invite (default: one use, 7 days) and print its code and link, shown only now',
  arity: [0, 0],
  options: ['uses', 'expires', 'for'],
  async run(ctx) {
    const client = await ctx.client();
    const { options } = ctx.args;
    const made = await client.api.createInvite({
      maxUses: positiveInteger(options.uses, 'uses'),
      expiresInSeconds: expirySeconds(options.expires),
      ...(typeof options.for === 'string' ? { username: options.for } : {}),
    });
    const link = inviteLink(client.server, made.code);
    const forWhom = made.invite.username ? ` for ${made.invite.username}` : '';
    ctx.out.result({ ...made, link }, [
      `Invite ${made.invite.id}${forWhom}: ${made.invite.maxUses} use(s), until ${made.invite.expiresAt}.`,
      `Code: ${made.code}`,
      `Link: ${link}`,
      `They join with: teamchat register <name> --server ${client.server} --invite ${made.code}`,
      'The code is shown only now; the server keeps only a hash of it.',
    ]);
  },
};

export const adminInviteList: Command = {
  name: 'admin invite list',
  usage: 'admin invite list',
  summary: 'list invites, newest first: state, uses, expiry, who made and who used them',
  arity: [0, 0],
  async run(ctx) {
    const invites = await (await ctx.client()).api.invites();
    ctx.out.result({ invites }, invites.length ? invites.map(inviteLine) : 'There are no invites; make one with "teamchat admin invite create".');
  },
};

export const adminInviteRevoke: Command = {
  name: 'admin invite revoke',
  usage: 'admin invite revoke <id>',
  summary: 'revoke an invite: it registers no one from now on',
  arity: [1, 1],
  async run(ctx) {
    const id = ctx.args.positionals[0] as string;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new UsageError('An invite id looks like 0b7e…-…; see "teamchat admin invite list".');
    await (await ctx.client()).api.revokeInvite(id.toLowerCase());
    ctx.out.result({ id, revoked: true }, `Revoked invite ${id}.`);
  },
};
