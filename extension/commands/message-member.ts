// Message Member: opens the direct message with someone (made if there is none, their keys
// looked up and checked against the pin as adding a member does) and shows it in the chat.
// From the palette it offers the people you share a group with, or a typed username; the
// panel's member list and an @mention pass the username.
import { pickPerson, typedUsername } from '../person-picker';
import { argsOf, stringArg, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const messageMember: TeamChatCommand = {
  name: 'messageMember',
  async run(app, raw) {
    const session = app.requireSession();
    const client = session.client;
    const given = stringArg(argsOf<{ username: string }>(raw).username);
    const people = [...new Set(client.groups().filter((g) => !g.dm).flatMap((g) => g.members.map((m) => m.username)))]
      .filter((u) => u !== client.username).sort();
    const username = given ? typedUsername(given) : await pickPerson(people, 'TeamChat: Message Member');
    if (!username) {
      if (given) void notify.error(`"${given}" is not a username.`);
      return undefined;
    }
    if (username === client.username) {
      void notify.info('That is you: a direct message is between two people.');
      return undefined;
    }
    const dm = await client.openDirectMessage(username);
    app.openChat(dm.id);
    return dm.id;
  },
};
