// A Transport with a hand on both ends: what the webview posted, and a way to deliver host
// messages to it. The webview code under test is real; only VS Code's postMessage is replaced.
import type { Transport } from '../../../webview/transport';

export class FakeTransport implements Transport {
  readonly posted: unknown[] = [];
  private listeners = new Set<(m: unknown) => void>();
  private state: unknown;

  post(message: unknown): void {
    this.posted.push(structuredClone(message));
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): unknown {
    return this.state;
  }

  setState(state: unknown): void {
    this.state = state;
  }

  /** Delivers a message as the host would (structured clone, like postMessage). */
  deliver(message: unknown): void {
    for (const l of this.listeners) l(structuredClone(message));
  }

  /** The messages posted with this method, in order. */
  postedWith(method: string): { method: string; params: unknown; id?: string }[] {
    return this.posted.filter((m): m is { method: string; params: unknown; id?: string } => (m as { method?: string }).method === method);
  }

  /** Answers the last request of this method with a result. */
  reply(method: string, result: unknown): void {
    const req = this.postedWith(method).at(-1);
    if (!req?.id) throw new Error(`no request ${method} was posted`);
    this.deliver({ method: 'ipc/reply', id: req.id, result });
  }

  replyError(method: string, error: string): void {
    const req = this.postedWith(method).at(-1);
    if (!req?.id) throw new Error(`no request ${method} was posted`);
    this.deliver({ method: 'ipc/reply', id: req.id, error });
  }
}
