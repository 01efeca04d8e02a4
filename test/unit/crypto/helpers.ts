// Shared pieces of the crypto tests: arbitraries for the protocol's inputs and bit flipping.

import fc from 'fast-check';
import { fromBase64, toBase64 } from '../../../common/crypto/bytes';
import type { MessageEnvelope } from '../../../common/messages/envelope';

export const usernameArb = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{1,31}$/);
export const groupIdArb = fc.uuid();
export const generationArb = fc.integer({ min: 1, max: 2 ** 31 });
export const msgIdArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
export const key32Arb = fc.uint8Array({ minLength: 32, maxLength: 32 });

const isoTimeArb = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const textArb = (minLength: number, maxLength: number) => fc.string({ unit: 'binary', minLength, maxLength });

const snippetArb = fc
  .record({
    path: textArb(0, 80),
    startLine: fc.integer({ min: 1, max: 100_000 }),
    span: fc.integer({ min: 0, max: 500 }),
    language: fc.constantFrom('typescript', 'python', 'rust', 'plaintext', ''),
    code: textArb(0, 400),
  })
  .map(({ span, ...s }) => ({ ...s, endLine: s.startLine + span }));

export const envelopeArb: fc.Arbitrary<MessageEnvelope> = fc.oneof(
  fc.record(
    {
      v: fc.constant(1 as const), kind: fc.constant('text' as const), body: textArb(1, 300), sentAt: isoTimeArb, replyTo: msgIdArb,
      thread: fc.record({ root: msgIdArb, alsoToGroup: fc.constant(true as const) }, { requiredKeys: ['root'], noNullPrototype: true }),
    },
    { requiredKeys: ['v', 'kind', 'body', 'sentAt'], noNullPrototype: true },
  ),
  fc.record(
    { v: fc.constant(1 as const), kind: fc.constant('snippet' as const), body: textArb(0, 100), sentAt: isoTimeArb, snippet: snippetArb, replyTo: msgIdArb },
    { requiredKeys: ['v', 'kind', 'body', 'sentAt', 'snippet'], noNullPrototype: true },
  ),
  fc.record(
    { v: fc.constant(1 as const), kind: fc.constantFrom('edit' as const, 'delete' as const), body: textArb(0, 300), sentAt: isoTimeArb, target: msgIdArb },
    { requiredKeys: ['v', 'kind', 'body', 'sentAt', 'target'], noNullPrototype: true },
  ),
  fc.record(
    { v: fc.constant(1 as const), kind: fc.constant('reaction' as const), body: textArb(1, 8), sentAt: isoTimeArb, target: msgIdArb },
    { noNullPrototype: true },
  ),
  fc.record(
    { v: fc.constant(1 as const), kind: fc.constant('resolve' as const), body: fc.constant(''), sentAt: isoTimeArb, target: msgIdArb, resolved: fc.boolean() },
    { noNullPrototype: true },
  ),
);

/** Every single-bit variant of a base64 structure, with the byte it touched. */
export function* everyBitFlip(b64: string): Generator<{ byte: number; bit: number; flipped: string }> {
  const bytes = fromBase64(b64, 'test input');
  for (let byte = 0; byte < bytes.length; byte++) {
    for (let bit = 0; bit < 8; bit++) {
      const copy = new Uint8Array(bytes);
      copy[byte] = (copy[byte] as number) ^ (1 << bit);
      yield { byte, bit, flipped: toBase64(copy) };
    }
  }
}

export function withByte(b64: string, index: number, value: number): string {
  const bytes = new Uint8Array(fromBase64(b64, 'test input'));
  bytes[index] = value;
  return toBase64(bytes);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}
