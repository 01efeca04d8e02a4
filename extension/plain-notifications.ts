// Every TeamChat notification goes through here, so no text in it becomes a link VS Code
// would run (see unlinked-text.ts). Modal dialogs show their text plain and need none of this.
import * as vscode from 'vscode';
import { unlinked } from './unlinked-text';

export function info<T extends string>(text: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(unlinked(text), ...items);
}

export function warn<T extends string>(text: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(unlinked(text), ...items);
}

export function error<T extends string>(text: string, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(unlinked(text), ...items);
}
