// Every command id in one place; package.json's contributes.commands lists the same ids
// (a unit test keeps the two in step).
export const CommandId = {
  signUp: 'teamchat.signUp',
  signIn: 'teamchat.signIn',
  signOut: 'teamchat.signOut',
  openChat: 'teamchat.openChat',
  openChatView: 'teamchat.openChatView',
  openMessageLink: 'teamchat.openMessageLink',
  searchMessages: 'teamchat.searchMessages',
  createGroup: 'teamchat.createGroup',
  addMember: 'teamchat.addMember',
  removeMember: 'teamchat.removeMember',
  leaveGroup: 'teamchat.leaveGroup',
  rotateGroupKey: 'teamchat.rotateGroupKey',
  deleteGroup: 'teamchat.deleteGroup',
  renameGroup: 'teamchat.renameGroup',
  setTopic: 'teamchat.setTopic',
  shareSelection: 'teamchat.shareSelection',
  verifyMember: 'teamchat.verifyMember',
  notificationSettings: 'teamchat.notificationSettings',
  lock: 'teamchat.lock',
  unlock: 'teamchat.unlock',
  changeServer: 'teamchat.changeServer',
  changePassphrase: 'teamchat.changePassphrase',
  createRecoveryKey: 'teamchat.createRecoveryKey',
  recoverAccount: 'teamchat.recoverAccount',
  openInviteLink: 'teamchat.openInviteLink',
  createInviteLink: 'teamchat.createInviteLink',
  messageMember: 'teamchat.messageMember',
  attachFile: 'teamchat.attachFile',
} as const;

export type CommandName = keyof typeof CommandId;
