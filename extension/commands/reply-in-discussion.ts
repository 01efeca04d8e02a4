// A reply written in a discussion's comment thread: it goes to the chat thread of the snippet,
// and comes back into the comment thread as the chat's replies do.
import type * as vscode from 'vscode';
import { argsOf, type TeamChatCommand } from './command';

export const replyInDiscussion: TeamChatCommand = {
  name: 'replyInDiscussion',
  async run(app, raw) {
    const { thread, text } = argsOf<vscode.CommentReply>(raw);
    const discussion = thread && app.discussions.discussionOf(thread);
    if (!discussion || typeof text !== 'string' || !text.trim()) return undefined;
    const reply = await app.requireSession().client.threads.reply(discussion.groupId, discussion.rootMsgId, text);
    return reply.msgId;
  },
};
