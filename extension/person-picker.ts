// Who to message: the people you share a group with, or any username typed in (the DM is made
// with that person's keys as looked up and pinned, like adding a member).
import * as vscode from 'vscode';
import { USERNAME_PATTERN } from './prompts';

/** The usernames a typed text may be ("@Bob " is bob), or undefined. */
export function typedUsername(text: string): string | undefined {
  const name = text.trim().replace(/^@/, '').toLowerCase();
  return USERNAME_PATTERN.test(name) ? name : undefined;
}

export function pickPerson(people: readonly string[], title: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick();
    pick.title = title;
    pick.placeholder = people.length ? 'Pick someone you share a group with, or type a username' : 'Type a username';
    pick.ignoreFocusOut = true;
    const known = people.map((label) => ({ label, description: 'in a group with you' }));
    pick.items = known;
    pick.onDidChangeValue((value) => {
      const typed = typedUsername(value);
      pick.items = typed && !people.includes(typed) ? [{ label: typed, description: 'message this username' }, ...known] : known;
    });
    let answered = false;
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? typedUsername(pick.value);
      answered = true;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!answered) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
