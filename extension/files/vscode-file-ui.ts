// The file handlers' VS Code: the open and save dialogs, a decrypted file opened from the
// private temporary folder (temp-files.ts) with vscode.open, and a progress notification with
// Cancel for each transfer. Every line for the user goes through plain-notifications.ts.
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { formatFileSize } from '../../common/attachments/file-kinds';
import * as notify from '../plain-notifications';
import type { FileUi, TransferProgress } from './file-ui';
import { TempFiles } from './temp-files';

export class VsCodeFileUi implements FileUi, vscode.Disposable {
  private readonly temp: TempFiles;
  /** Where the last file was saved, so the next save dialog starts there. */
  private lastFolder: vscode.Uri | undefined;

  constructor(globalStorage: vscode.Uri) {
    this.temp = new TempFiles(join(globalStorage.fsPath, 'opened-files'));
  }

  async pickFiles(title: string): Promise<string[]> {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: 'Attach', title });
    return (uris ?? []).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  }

  async savePath(name: string): Promise<string | undefined> {
    const folder = this.lastFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({ title: `Save ${name}`, saveLabel: 'Save', ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
    if (!uri || uri.scheme !== 'file') return undefined;
    this.lastFolder = vscode.Uri.joinPath(uri, '..');
    return uri.fsPath;
  }

  async show(name: string, bytes: Uint8Array): Promise<void> {
    const path = await this.temp.write(name, bytes);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(path), { preview: true });
  }

  progress(title: string, cancel: () => void): TransferProgress {
    let end: () => void = () => undefined;
    let report: (done: number, total: number) => void = () => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(cancel);
      let shown = 0;
      report = (done, total) => {
        const share = total > 0 ? Math.min(100, (done / total) * 100) : 0;
        progress.report({ increment: share - shown, message: `${Math.floor(share)}% of ${formatFileSize(total)}` });
        shown = share;
      };
      return ended;
    });
    return { report: (done, total) => report(done, total), end: () => end() };
  }

  saved(path: string): void {
    void notify.info(`Saved ${basename(path)}.`);
  }

  failed(message: string): void {
    void notify.error(message);
  }

  dispose(): void {
    this.temp.dispose();
  }
}
