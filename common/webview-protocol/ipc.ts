// The webview <-> extension host wire format. Every message is declared once as a typed
// constant (GitLens style): both sides share the definition, and `Message.is(msg)` narrows
// `params` in a switch without code generation.

export interface IpcMessage<Params = unknown> {
  method: string;
  params: Params;
  /** Set on requests; the reply carries the same id. */
  id?: string;
}

/** The answer to a request, matched to it by id. Exactly one of `result` / `error`. */
export interface IpcReply<Result = unknown> {
  method: typeof REPLY_METHOD;
  id: string;
  result?: Result;
  error?: string;
}

export const REPLY_METHOD = 'ipc/reply';

export abstract class IpcCall<Params> {
  constructor(readonly method: string) {}

  is(msg: unknown): msg is IpcMessage<Params> {
    return isIpcMessage(msg) && msg.method === this.method;
  }
}

/** webview -> host, fire and forget. Named as a verb: `chat/send`. */
export class IpcCommand<Params = void> extends IpcCall<Params> {
  readonly kind = 'command';
}

/** webview -> host, answered with a reply carrying the same id. */
export class IpcRequest<Params = void, Result = void> extends IpcCall<Params> {
  readonly kind = 'request';
  /** Carries the result type for callers; never set. */
  declare readonly resultType?: Result;
}

/** host -> webview. Named `did*`: `messages/didArrive`. */
export class IpcNotification<Params = void> extends IpcCall<Params> {
  readonly kind = 'notification';
}

export type ParamsOf<T> = T extends IpcCall<infer P> ? P : never;
export type ResultOf<T> = T extends IpcRequest<unknown, infer R> ? R : never;

/**
 * One answer per request of a table: a request declared without its handler does not compile,
 * so the webview never waits out a timeout for a verb nobody answers.
 */
export type HandlersOf<Table extends Record<string, IpcRequest<unknown, unknown>>> = {
  [Name in keyof Table]: (params: ParamsOf<Table[Name]>) => Promise<ResultOf<Table[Name]>>;
};

/** One receiver per command of a table, for the same reason; nobody waits for its outcome. */
export type ReceiversOf<Table extends Record<string, IpcCommand<unknown>>> = {
  [Name in keyof Table]: (params: ParamsOf<Table[Name]>) => void | Promise<void>;
};

/** Method -> name in a table, so a receiver finds the entry for a message it was sent. */
export function namesByMethod<Table extends Record<string, IpcCall<unknown>>>(table: Table): ReadonlyMap<string, keyof Table & string> {
  return new Map(Object.entries(table).map(([name, call]) => [call.method, name]));
}

export function isIpcMessage(msg: unknown): msg is IpcMessage {
  return typeof msg === 'object' && msg !== null && typeof (msg as { method?: unknown }).method === 'string';
}

export function isIpcReply(msg: unknown): msg is IpcReply {
  return isIpcMessage(msg) && msg.method === REPLY_METHOD && typeof (msg as { id?: unknown }).id === 'string';
}
