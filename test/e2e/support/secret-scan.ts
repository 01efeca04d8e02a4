// Looks for secrets in a database dump in every form they could take there: as text, as
// base64, base64url and hex, and as raw bytes in the database files.

import type { DatabaseDump } from './database-dump';

export interface Secret {
  label: string;
  text?: string;
  bytes?: Uint8Array;
}

/** The labels of the secrets found (empty when the dump is clean). */
export function findSecrets(dump: DatabaseDump, secrets: readonly Secret[]): string[] {
  const text = `${dump.rows}\n${dump.extraText}`;
  const found: string[] = [];
  for (const secret of secrets) {
    const forms: string[] = [];
    const raw: Buffer[] = [];
    if (secret.text !== undefined) {
      forms.push(secret.text, JSON.stringify(secret.text).slice(1, -1));
      raw.push(Buffer.from(secret.text, 'utf8'));
    }
    if (secret.bytes) {
      const buffer = Buffer.from(secret.bytes);
      forms.push(buffer.toString('base64').replace(/=+$/, ''), buffer.toString('base64url'), buffer.toString('hex'));
      raw.push(buffer);
    }
    if (forms.some((form) => text.includes(form)) || raw.some((bytes) => dump.files.some((file) => file.includes(bytes)))) {
      found.push(secret.label);
    }
  }
  return found;
}
