// Open Message Link: opens the chat at the message a link names (the link's text, asked for if
// not given, or the URI VS Code's handler received), for a member of its group. A link that is
// not one, to a group you are not in, or to a message that is not there is refused in words.
import * as vscode from 'vscode';
import { errorMessage } from '../../common/error-message';
import { openMessageLink as openLinked } from '../message-link-opener';
import { messageRefFromParts, parseMessageLink, type MessageRef } from '../message-links';
import { argsOf, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const openMessageLink: TeamChatCommand = {
  name: 'openMessageLink',
  async run(app, raw) {
    // The link is checked before anything else: a bad one is refused whatever the session's state.
    const ref = raw instanceof vscode.Uri ? messageRefFromParts(raw) : await refFromText(raw);
    if (!ref) return undefined;
    return openLinked(app.requireSession(), ref, {
      show: (target) => app.chat.show(undefined, target),
      inform: (text) => void notify.info(text),
    });
  },
};

async function refFromText(raw: unknown): Promise<MessageRef | undefined> {
  const given = typeof raw === 'string' ? raw : argsOf<{ link: unknown }>(raw).link;
  if (given !== undefined) return parseMessageLink(given);
  const text = await vscode.window.showInputBox({
    title: 'TeamChat: Open Message Link',
    prompt: 'Paste a link made with "Copy link" on a message',
    placeHolder: 'vscode://teamchat.teamchat/message?group=…&msg=…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseMessageLink(value);
        return undefined;
      } catch (error) {
        return errorMessage(error);
      }
    },
  });
  return text === undefined ? undefined : parseMessageLink(text);
}
