// Whether opening an invite link must ask first: it signs up on the link's server, so an
// account signed in (or locked) now would be left, and another configured server replaced.
import type { InviteRef } from '../client/admin/invite-link';
import type { SessionView } from '../common/webview-protocol';

export interface InviteConfirmation {
  message: string;
  action: string;
}

export function inviteConfirmation(invite: InviteRef, view: SessionView, configuredServer: string | undefined): InviteConfirmation | undefined {
  const host = new URL(invite.server).host;
  if (view.state !== 'signed-out') {
    const where = view.serverUrl ? ` on ${new URL(view.serverUrl).host}` : '';
    return { message: `This invite is to create an account on ${host}. Sign out of ${view.username ?? 'TeamChat'}${where} and sign up there?`, action: 'Sign Out and Sign Up' };
  }
  if (configuredServer && configuredServer !== invite.server) {
    return { message: `This invite is for ${host}; TeamChat now uses ${new URL(configuredServer).host}. Sign up on ${host} instead?`, action: `Use ${host}` };
  }
  return undefined;
}
