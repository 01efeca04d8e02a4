// Create Invite Link: for a server admin (or any member, where the server allows it), makes an
// invite and copies its vscode:// link; the code is in the link only, and the server keeps a hash.
import * as vscode from 'vscode';
import { inviteLink } from '../../client/admin/invite-link';
import type { TeamChatCommand } from './command';
import { argsOf } from './command';
import * as notify from '../plain-notifications';

const CHOICES = [
  { label: 'For one person', description: 'one use, 7 days', maxUses: 1 },
  { label: 'For several people', description: 'up to 10 uses, 7 days', maxUses: 10 },
];

export const createInviteLink: TeamChatCommand = {
  name: 'createInviteLink',
  async run(app, rawArgs) {
    const session = app.requireSession();
    const given = argsOf<{ maxUses: number }>(rawArgs).maxUses;
    const maxUses = typeof given === 'number' ? given : (await vscode.window.showQuickPick(CHOICES, { title: 'TeamChat: Create Invite Link', ignoreFocusOut: true }))?.maxUses;
    if (maxUses === undefined) return undefined;
    const made = await session.client.api.createInvite({ maxUses });
    const link = inviteLink(session.client.server, made.code);
    await vscode.env.clipboard.writeText(link);
    const uses = maxUses === 1 ? 'It works once' : `It works ${maxUses} times`;
    void notify.info(`Invite link copied. ${uses}, until ${new Date(made.invite.expiresAt).toLocaleString()}; send it only to the people you invite.`);
    return { id: made.invite.id, link };
  },
};
