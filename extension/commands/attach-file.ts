// Attach File: sends files to the group the chat shows (else one the user picks), each with a
// progress notification that can cancel it; the panel shows the same progress. Tests pass
// { groupId, paths } to skip the dialogs.
import { stat } from 'node:fs/promises';
import { groupIdOf } from '../teamchat-app';
import { argsOf, type TeamChatCommand } from './command';

export const attachFile: TeamChatCommand = {
  name: 'attachFile',
  async run(app, raw) {
    const session = app.requireSession();
    const shown = groupIdOf(raw) ?? app.chat.shownGroupId();
    const group = await app.pickGroup(shown ? { groupId: shown } : raw, 'Attach files to send to');
    if (!group) return undefined;
    const given = argsOf<{ paths: unknown }>(raw).paths;
    const paths = Array.isArray(given) ? given.filter((p): p is string => typeof p === 'string') : await app.fileUi.pickFiles(`Attach files to send to ${group.name}`);
    if (paths.length === 0) return undefined;
    app.openChat(group.id);
    const msgIds: (string | undefined)[] = [];
    for (const path of paths) msgIds.push(await session.files.sendPath(group.id, path, (await stat(path)).size));
    return msgIds;
  },
};
