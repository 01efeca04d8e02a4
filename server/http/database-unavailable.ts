// Tells a database outage (PostgreSQL restarting, unreachable, out of connections) from a
// bug, so clients get 503 and retry instead of a 500 that says the request itself failed.

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
// SQLSTATE class 08 (connection exception) and 57P01-57P03 (shutdown, crash, starting up).
const SQLSTATE = /^(08|57P0[123])/;
const MESSAGES = /Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|Client has encountered a connection error|not queryable/i;
const NAMES = new Set(['ConnectionException', 'KnexTimeoutError']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, name, message, cause } = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof name === 'string' && NAMES.has(name)) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
