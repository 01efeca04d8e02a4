// A Transport with a hand on both ends: what the webview posted, and a way to deliver host
// messages to it. The webview code under test is real; only VS Code's postMessage is replaced.
import { REPLY_METHOD, type IpcCall, type IpcMessage, type IpcRequest, type ResultOf } from '../../../common/webview-protocol';
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

  /** The messages the webview posted of this declared type, in order, with their params typed. */
  postedWith<Params>(type: IpcCall<Params>): IpcMessage<Params>[] {
    return this.posted.filter((m) => type.is(m));
  }

  /** Answers the last request of this type with a result of its declared type. */
  reply<Request extends IpcRequest<unknown, unknown>>(type: Request, result: ResultOf<Request>): void {
    this.deliver({ method: REPLY_METHOD, id: this.lastRequestId(type), result });
  }

  replyError(type: IpcRequest<unknown, unknown>, error: string): void {
    this.deliver({ method: REPLY_METHOD, id: this.lastRequestId(type), error });
  }

  private lastRequestId(type: IpcRequest<unknown, unknown>): string {
    const id = this.postedWith(type).at(-1)?.id;
    if (!id) throw new Error(`no request ${type.method} was posted`);
    return id;
  }
}
