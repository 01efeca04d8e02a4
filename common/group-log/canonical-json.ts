// One encoding for every group log link, so that a link is hashed and signed byte for byte
// and two honest clients always produce the same bytes for the same link. It is JSON with
// object keys in code-unit order, no white space, and only strings, safe integers, booleans,
// arrays and objects (no floats, no null): the subset of RFC 8785 (JCS) the log needs, where
// JCS and JSON.stringify agree on how strings are escaped.

export type CanonicalValue = string | number | boolean | CanonicalValue[] | { [key: string]: CanonicalValue };

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The canonical text of a value; throws CanonicalJsonError for what the encoding does not allow. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CanonicalJsonError('Only safe integers are allowed as numbers.');
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([, v]) => v === undefined)) throw new CanonicalJsonError('Object values must not be undefined.');
    // Code-unit order, as JCS sorts (not localeCompare).
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new CanonicalJsonError(`A ${value === null ? 'null' : typeof value} cannot be encoded.`);
}

/**
 * Parses text that must already be canonical: anything another encoding of the same value
 * would give (spaces, other key order, escapes, duplicate keys) is refused, so one link has
 * exactly one byte string.
 */
export function parseCanonicalJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CanonicalJsonError('The text is not JSON.');
  }
  if (canonicalJson(value) !== text) throw new CanonicalJsonError('The text is JSON but not in its one canonical encoding.');
  return value;
}
