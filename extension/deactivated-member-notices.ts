// When a server admin deactivates (or deletes) a member of a group the user is an admin of,
// a warning with one action that removes them (the group admin's own signed change, which
// rotates the key). On start for every such member, then as they appear. The flag is the
// server's claim: it only prompts; nothing is removed unless the user chooses to.
import type { DeactivatedMember, TeamChatClient } from '../client';

export interface DeactivatedMemberHost {
  /** Shows a warning with the one action; resolves with the action when the user picks it. */
  warn(text: string, action: string): PromiseLike<string | undefined>;
  /** The existing remove-member flow, for this group and member. */
  remove(member: DeactivatedMember): PromiseLike<unknown>;
}

export function deactivatedMemberText(member: DeactivatedMember): { text: string; action: string } {
  const what = member.status === 'deleted' ? 'deleted' : 'deactivated';
  return {
    text: `${member.username}'s account was ${what}: remove ${member.username} from “${member.groupName}” (rotates the key)`,
    action: `Remove ${member.username}`,
  };
}

/** Subscribe before the client first loads its groups, so those found on start are told too; returns the unsubscribe. */
export function watchDeactivatedMembers(client: Pick<TeamChatClient, 'on'>, host: DeactivatedMemberHost): () => void {
  return client.on('member-deactivated', (member) => {
    const { text, action } = deactivatedMemberText(member);
    void Promise.resolve(host.warn(text, action)).then((choice) => (choice === action ? host.remove(member) : undefined));
  });
}
