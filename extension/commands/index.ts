// Every command, registered from this one list. A failing command shows its error (a sentence
// saying what to do) and logs it; it never shows a stack or a secret.
import * as vscode from 'vscode';
import type { TeamChatApp } from '../teamchat-app';
import { addMember } from './add-member';
import { askTheTeam } from './ask-the-team';
import { attachFile } from './attach-file';
import type { TeamChatCommand } from './command';
import { createGroup } from './create-group';
import { createInviteLink } from './create-invite-link';
import { deleteGroup } from './delete-group';
import { CommandId } from './ids';
import { leaveGroup } from './leave-group';
import { messageMember } from './message-member';
import { lock } from './lock';
import { unlock } from './unlock';
import { changeServer } from './change-server';
import { changePassphrase } from './change-passphrase';
import { createRecoveryKey } from './create-recovery-key';
import { recoverAccount } from './recover-account';
import { notificationSettings } from './notification-settings';
import { openChat } from './open-chat';
import { openChatView } from './open-chat-view';
import { openInviteLink } from './open-invite-link';
import { openMessageLink } from './open-message-link';
import { removeMember } from './remove-member';
import { renameGroup } from './rename-group';
import { rotateGroupKey } from './rotate-group-key';
import { searchMessages } from './search-messages';
import { setTopic } from './set-topic';
import { shareSelection } from './share-selection';
import { startDiscussion, startDiscussionFromComment } from './start-discussion';
import { replyInDiscussion } from './reply-in-discussion';
import { reopenDiscussion, resolveDiscussion } from './resolve-discussion';
import { signIn } from './sign-in';
import { errorMessage } from '../../common/error-message';
import { signOut } from './sign-out';
import { signUp } from './sign-up';
import { verifyMember } from './verify-member';
import { DIFF_COMMANDS } from '../diffs/diff-commands';
import * as notify from '../plain-notifications';

export const COMMANDS: readonly TeamChatCommand[] = [
  signUp,
  signIn,
  signOut,
  openChat,
  openChatView,
  openMessageLink,
  searchMessages,
  createGroup,
  addMember,
  removeMember,
  leaveGroup,
  rotateGroupKey,
  deleteGroup,
  renameGroup,
  setTopic,
  shareSelection,
  verifyMember,
  notificationSettings,
  lock,
  unlock,
  changeServer,
  changePassphrase,
  createRecoveryKey,
  recoverAccount,
  openInviteLink,
  createInviteLink,
  messageMember,
  attachFile,
  ...DIFF_COMMANDS,
  askTheTeam,
  startDiscussion,
  startDiscussionFromComment,
  replyInDiscussion,
  resolveDiscussion,
  reopenDiscussion,
];

export function registerCommands(app: TeamChatApp): vscode.Disposable[] {
  return COMMANDS.map((c) =>
    vscode.commands.registerCommand(CommandId[c.name], async (args?: unknown) => {
      try {
        app.lastError = undefined;
        return await c.run(app, args);
      } catch (error) {
        const message = errorMessage(error);
        app.lastError = message;
        app.log.error(`${CommandId[c.name]}: ${message}`);
        void notify.error(message);
        return undefined;
      }
    }),
  );
}
