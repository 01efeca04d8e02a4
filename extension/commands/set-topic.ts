// Set Group Topic: an admin sets the one line shown under the group's name (empty clears it),
// signed into the group's log like every other change.
import * as vscode from 'vscode';
import { groupTopicProblem } from '../../client';
import { argsOf, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const setTopic: TeamChatCommand = {
  name: 'setTopic',
  async run(app, raw) {
    const session = app.requireSession();
    const group = await app.pickGroup(raw, 'TeamChat: Set Group Topic', (g) => g.isAdmin);
    if (!group) return undefined;
    const given = argsOf<{ topic: string }>(raw).topic;
    const typed = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: `Topic of ${group.name}`, prompt: "One line shown under the group's name; leave it empty to clear the topic", value: group.topic,
      ignoreFocusOut: true, validateInput: groupTopicProblem,
    });
    const topic = typed?.trim();
    if (topic === undefined || topic === group.topic) return undefined;
    await session.client.setTopic(group.id, topic);
    void notify.info(topic ? `Set the topic of ${group.name}.` : `Cleared the topic of ${group.name}.`);
    return topic;
  },
};
