// Typed calls to the extension host over a Transport: commands, requests that time out when the
// host never answers, and notifications dispatched by their declared constant.
import {
  isIpcMessage,
  isIpcReply,
  type IpcCommand,
  type IpcMessage,
  type IpcNotification,
  type IpcRequest,
} from '../common/webview-protocol';
import type { Transport } from './transport';

export class HostTimeoutError extends Error {
  override name = 'HostTimeoutError';
  constructor(
    /** What was asked, for a developer's console only: the message is for a person. */
    readonly method: string,
    ms: number,
  ) {
    super(`VS Code did not answer within ${Math.round(ms / 1000)} s; try again, or reload the chat panel.`);
  }
}

/** The host stopped answering (see host-heartbeat.ts): what was asked of it may or may not have been done. */
export class HostGoneError extends Error {
  override name = 'HostGoneError';
  constructor() {
    super('VS Code stopped answering before this was done; once the panel has reconnected, check whether it went through before you try again.');
  }
}

export class HostRequestError extends Error {
  override name = 'HostRequestError';
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class HostConnection {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<string, Set<(params: unknown) => void>>();
  private readonly unsubscribe: () => void;
  private nextId = 1;
  private gone = false;

  constructor(
    private readonly transport: Transport,
    private readonly timeoutMs = 30_000,
  ) {
    this.unsubscribe = transport.onMessage((msg) => this.receive(msg));
  }

  command<P>(type: IpcCommand<P>, ...params: P extends void ? [] : [P]): void {
    this.transport.post({ method: type.method, params: params[0] });
  }

  request<P, R>(type: IpcRequest<P, R>, params: P): Promise<R> {
    const id = `w${this.nextId++}`;
    if (this.gone) return Promise.reject(new HostGoneError());
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HostTimeoutError(type.method, this.timeoutMs));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.transport.post({ method: type.method, params, id } satisfies IpcMessage<P>);
    });
  }

  on<P>(type: IpcNotification<P>, handler: (params: P) => void): () => void {
    let set = this.handlers.get(type.method);
    if (!set) this.handlers.set(type.method, (set = new Set()));
    const h = handler as (params: unknown) => void;
    set.add(h);
    return () => set.delete(h);
  }

  /** The host is gone: what waits for it fails now rather than after the timeout, and so does what is asked until it is back. */
  setHostGone(gone: boolean): void {
    this.gone = gone;
    if (!gone) return;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new HostGoneError());
    }
    this.pending.clear();
  }

  dispose(): void {
    this.unsubscribe();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private receive(msg: unknown): void {
    if (isIpcReply(msg)) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (typeof msg.error === 'string') p.reject(new HostRequestError(msg.error));
      else p.resolve(msg.result);
      return;
    }
    if (!isIpcMessage(msg)) return;
    for (const handler of this.handlers.get(msg.method) ?? []) handler(msg.params);
  }
}
