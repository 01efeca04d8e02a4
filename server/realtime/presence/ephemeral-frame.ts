// Which client frames after sign-in are typing or presence frames. Exactly the schema's
// fields (so `__proto__` or any other extra key is refused), a real group id, nothing else.

import { Compile } from 'typebox/compile';
import { EphemeralClientFrame } from '../../../common/api';

const check = Compile(EphemeralClientFrame);

export function ephemeralFrame(frame: unknown): EphemeralClientFrame | undefined {
  return check.Check(frame) ? frame : undefined;
}
