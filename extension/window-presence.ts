// Presence from the VS Code window: active while it has focus (and, where VS Code says so,
// was used lately), away after AWAY_AFTER_MS without. Applies teamchat.privacy.* as they change.
import * as vscode from 'vscode';
import type { PresenceClient } from '../client/presence/presence-client';
import { errorMessage } from '../common/error-message';
import { PRIVACY_SECTION, readPrivacySettings } from './privacy-settings';

export const AWAY_AFTER_MS = 5 * 60_000;

/** `active`: focused, and not idle where VS Code tells (its `active` flag, 1.89+). */
export function windowInUse(state: vscode.WindowState): boolean {
  const { active } = state as vscode.WindowState & { active?: boolean };
  return state.focused && active !== false;
}

export function followWindow(presence: PresenceClient, warn: (line: string) => void): vscode.Disposable {
  let awayTimer: NodeJS.Timeout | undefined;
  const apply = (state: vscode.WindowState) => {
    clearTimeout(awayTimer);
    if (windowInUse(state)) presence.setActive(true);
    else awayTimer = setTimeout(() => presence.setActive(false), AWAY_AFTER_MS);
  };
  const applyPrivacy = () => presence.setPrivacy(readPrivacySettings())
    .catch((error: unknown) => warn(`Could not change what TeamChat shares: ${errorMessage(error)}`));
  void applyPrivacy();
  apply(vscode.window.state);
  const subscriptions = [
    vscode.window.onDidChangeWindowState(apply),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(PRIVACY_SECTION)) void applyPrivacy();
    }),
  ];
  return { dispose: () => {
    clearTimeout(awayTimer);
    for (const s of subscriptions) s.dispose();
  } };
}
