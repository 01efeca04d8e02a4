// Byte helpers for the crypto core (Node's Buffer is fast, and the core runs in Node only).
// Strict on input: a value that is not base64 is refused rather than
// silently read as something else (Buffer.from(..., 'base64') skips invalid characters), and so
// is base64 with its spare bits set: the same bytes have one spelling, so nobody can hand two
// texts of one signed value around.

import { ParameterError } from './errors';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Standard, padded base64 only; anything else throws ParameterError naming `what`. */
export function fromBase64(text: string, what: string): Uint8Array {
  if (typeof text !== 'string' || !BASE64.test(text)) {
    throw new ParameterError(`The ${what} is not valid base64.`);
  }
  const buf = Buffer.from(text, 'base64');
  if (buf.toString('base64') !== text) throw new ParameterError(`The ${what} is not canonical base64 (its last character has bits set that encode nothing).`);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Big-endian unsigned 32-bit length prefix, for unambiguous concatenation. */
export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}
