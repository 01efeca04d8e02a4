// What the scale bench says to its load-generating child processes, and what they answer.

/** One signed-in person: a token minted for a seeded account and the groups they are in. */
export interface ScaleClientSpec {
  username: string;
  token: string;
  groups: string[];
}

export type SwarmCommand =
  | {
    type: 'connect';
    /** Base URLs (http://host:port); client i uses urls[i % urls.length]. */
    urls: string[];
    clients: ScaleClientSpec[];
    /** Run tag of the msgIds whose delivery is timed. */
    tag: string;
    /** The client's own heartbeat ({"type":"ping"}), as client/events sends it. */
    heartbeatMs: number;
    /** Sockets opening at once in this process. */
    width: number;
  }
  /** Starts a timing window: 'each' keeps every delivery's latency, 'last' the latest receipt per msgId. */
  | { type: 'window'; mode: 'each' | 'last' }
  | { type: 'report' }
  /** Heads: the last acknowledged seq of each group. */
  | { type: 'progress'; heads: Record<string, number> }
  | { type: 'close' };

export interface WindowReport {
  deliveries: number;
  /** mode 'each': every delivery's latency (ms); mode 'last': per msgId, the latest receipt (ms after send). */
  latencies: number[];
  lastByMsgId: Record<string, number>;
}

export interface ProgressReport {
  clients: number;
  ready: number;
  /** Clients whose every group is contiguous up to its head. */
  caughtUp: number;
  /** Messages a client already had (live and catch-up overlapping); dropped by seq, as a client does. */
  duplicates: number;
  catchUpRequests: number;
  catchUpFailures: number;
  reconnects: number;
  /** Sockets that were refused or failed before 'ready'. */
  connectFailures: number;
}

export type SwarmAnswer =
  | { type: 'connected'; ready: number; ms: number; failures: number }
  | { type: 'report'; window: WindowReport }
  | { type: 'progress'; progress: ProgressReport }
  | { type: 'closed' };
