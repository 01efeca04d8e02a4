import { randomBytes, randomUUID } from 'node:crypto';

/** Fills {{name}} placeholders; {{freshUuid}}, {{freshMsgId}} and {{freshName}} get new values on every call. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    if (name === 'freshUuid') return randomUUID();
    if (name === 'freshMsgId') return randomBytes(16).toString('hex');
    if (name === 'freshName') return `user-${randomBytes(6).toString('hex')}`;
    const value = values[name];
    if (value === undefined) throw new Error(`No value for placeholder ${whole}.`);
    return value;
  });
}
