// Resolve Discussion / Reopen Discussion, in a discussion's comment thread title: a signed
// change any member may send (client/discussions); the chat shows the same state.
import type * as vscode from 'vscode';
import type { TeamChatApp } from '../teamchat-app';
import type { TeamChatCommand } from './command';

/** VS Code passes the thread; the panel and tests may pass `{ groupId, msgId }`. */
async function mark(app: TeamChatApp, raw: unknown, resolved: boolean): Promise<boolean | undefined> {
  const given = raw as Partial<vscode.CommentThread & { groupId: string; msgId: string }> | undefined;
  const ref = given?.uri && given.range ? app.discussions.discussionOf(given as vscode.CommentThread) : typeof given?.groupId === 'string' && typeof given.msgId === 'string' ? { groupId: given.groupId, rootMsgId: given.msgId } : undefined;
  if (!ref) return undefined;
  const root = await app.requireSession().client.threads.resolve(ref.groupId, ref.rootMsgId, resolved);
  app.discussions.refresh(root);
  return root.discussion?.resolved;
}

export const resolveDiscussion: TeamChatCommand = { name: 'resolveDiscussion', run: (app, raw) => mark(app, raw, true) };
export const reopenDiscussion: TeamChatCommand = { name: 'reopenDiscussion', run: (app, raw) => mark(app, raw, false) };
