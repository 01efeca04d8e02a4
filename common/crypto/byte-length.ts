import { ParameterError } from './errors';

/** Throws ParameterError naming `what` unless `value` is a Uint8Array of exactly `size` bytes. */
export function assertByteLength(value: Uint8Array, size: number, what: string): void {
  if (!(value instanceof Uint8Array) || value.byteLength !== size) {
    throw new ParameterError(`The ${what} must be ${size} bytes.`);
  }
}
