// The webview's only door to the host. The real one wraps acquireVsCodeApi(); tests use a fake,
// so every part of the UI runs under mocha without VS Code.

export interface Transport {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  getState(): unknown;
  setState(state: unknown): void;
}
