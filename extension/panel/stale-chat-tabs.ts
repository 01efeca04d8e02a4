// A chat tab no extension host answers for. After the host crashed, VS Code keeps the tab and its
// page (which says it is reconnecting), but hands it to nobody: the serializer revives only tabs
// brought back with a window. The new host finds such tabs by their view type (VS Code's tab API)
// and replaces them with a live chat in the same column.
import * as vscode from 'vscode';

export function chatTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** Closes the tabs and answers the column the first was in (where the live chat should open). */
export async function closeTabs(tabs: vscode.Tab[]): Promise<vscode.ViewColumn | undefined> {
  const column = tabs[0]?.group.viewColumn;
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  return column;
}
