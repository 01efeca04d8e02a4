// Search Messages: a Quick Pick whose items are the results of what is typed so far, from
// the index on this device (the server is not asked); picking one opens the chat at that
// message, loading older history as a message link would.
import * as vscode from 'vscode';
import { errorMessage } from '../../common/error-message';
import { openMessageLink } from '../message-link-opener';
import { searchPickItems, type SearchPickItem } from '../search-pick-items';
import { argsOf, stringArg, type TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

const RESULTS = 50;
/** Older pages (of 50) opening a result may load: a result found by search may be well back in the history. */
const MAX_PAGES = 100;

export const searchMessages: TeamChatCommand = {
  name: 'searchMessages',
  async run(app, raw) {
    const session = app.requireSession();
    const pick = vscode.window.createQuickPick<SearchPickItem>();
    pick.title = 'TeamChat: Search Messages';
    pick.placeholder = 'Words, "a phrase", from:bob, in:group, has:code, has:file, before:/after:/on:YYYY-MM-DD';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    const update = (value: string) => {
      const items = searchPickItems(session.client.search.search(value, { limit: RESULTS }));
      pick.items = items;
      pick.placeholder = value.trim() && items.length === 0 ? 'No message on this device matches.' : pick.placeholder;
    };
    pick.onDidChangeValue(update);
    const chosen = new Promise<SearchPickItem | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
    });
    const given = stringArg(argsOf<{ query: unknown }>(raw).query);
    if (given) {
      pick.value = given;
      update(given);
    }
    pick.show();
    const item = await chosen;
    pick.dispose();
    if (!item) return undefined;
    try {
      return await openMessageLink(session, item.ref, { show: (target) => app.chat.show(undefined, target), inform: (text) => void notify.info(text) }, MAX_PAGES);
    } catch (error) {
      void notify.warn(`Could not open that message: ${errorMessage(error)}`);
      return undefined;
    }
  },
};
