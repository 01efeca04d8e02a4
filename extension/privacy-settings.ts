// teamchat.privacy.*: what this user shares of typing, presence and read receipts
// (docs/presence.md). Turning one off also hides the others' from this user.
import * as vscode from 'vscode';
import type { PrivacySettings } from '../client/presence/presence-client';
import { SETTINGS_SECTION } from './settings';

export const PRIVACY_SECTION = `${SETTINGS_SECTION}.privacy`;

export function readPrivacySettings(): PrivacySettings {
  const config = vscode.workspace.getConfiguration(PRIVACY_SECTION);
  return {
    shareTyping: config.get<boolean>('shareTyping', true) !== false,
    sharePresence: config.get<boolean>('sharePresence', true) !== false,
    shareReadReceipts: config.get<boolean>('shareReadReceipts', true) !== false,
  };
}
