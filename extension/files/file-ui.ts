// What the file handlers need of VS Code, so they are tested without it: the open and save
// dialogs, opening a decrypted file in an editor, a progress notification with Cancel, and a
// line for the user. vscode-file-ui.ts is the real one.

export interface TransferProgress {
  report(done: number, total: number): void;
  /** The transfer finished, failed or was cancelled: the notification goes. */
  end(): void;
}

export interface FileUi {
  /** VS Code's open dialog: file system paths, none when the user cancelled. */
  pickFiles(title: string): Promise<string[]>;
  /** VS Code's save dialog offering `name`; undefined when the user cancelled. */
  savePath(name: string): Promise<string | undefined>;
  /** Writes the decrypted file to the private temporary folder and opens it in VS Code. */
  show(name: string, bytes: Uint8Array): Promise<void>;
  /** A progress notification for one transfer whose Cancel calls `cancel`. */
  progress(title: string, cancel: () => void): TransferProgress;
  /** A file was saved where the user chose. */
  saved(path: string): void;
  /** Something the user asked for failed after the panel's request was answered. */
  failed(message: string): void;
}

/** Until the extension gives its own (and in tests that need none): no dialog, no editor. */
export const NO_FILE_UI: FileUi = {
  pickFiles: () => Promise.resolve([]),
  savePath: () => Promise.resolve(undefined),
  show: () => Promise.reject(new Error('Files cannot be opened here.')),
  progress: () => ({ report: () => undefined, end: () => undefined }),
  saved: () => undefined,
  failed: () => undefined,
};
