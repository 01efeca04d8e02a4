// Every server answer is a claim: it is checked against the same TypeBox schema the server
// answers with before anything reads it, so a malformed or lying answer is a clear
// ProtocolError and never half-trusted.

import type { TSchema, Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { ProtocolError } from '../errors';

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

function checkerOf(schema: TSchema): ReturnType<typeof Compile> {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = Compile(schema);
    compiled.set(schema, checker);
  }
  return checker;
}

export function checkAnswer<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  const checker = checkerOf(schema);
  if (checker.Check(value)) return value as Static<S>;
  const first = [...checker.Errors(value)][0];
  const where = first?.instancePath ? ` at ${first.instancePath}` : '';
  throw new ProtocolError(`The server's answer to ${what} is not valid${where} (${first?.message ?? 'wrong shape'}); it was not used.`);
}
