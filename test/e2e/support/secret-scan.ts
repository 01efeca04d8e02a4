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

/** A file attachment as its message's envelope knows it (only what must never reach the server). */
export interface SentFile {
  name: string;
  type: string;
  /** base64 of the file's key. */
  key: string;
  sha256: string;
}

/**
 * What a dump must never hold of a file that was sent: its name, its type (unless it is one
 * too common to tell anything, like application/octet-stream), its key, its hash, and a
 * sample from the start of every plaintext chunk.
 */
export function fileSecrets(file: SentFile, plaintext: Uint8Array, chunkSize: number): Secret[] {
  const secrets: Secret[] = [
    { label: `name of ${file.name}`, text: file.name },
    { label: `key of ${file.name}`, bytes: Buffer.from(file.key, 'base64') },
    { label: `hash of ${file.name}`, text: file.sha256 },
  ];
  if (file.type !== 'application/octet-stream') secrets.push({ label: `type of ${file.name}`, text: file.type });
  for (let at = 0; at < plaintext.byteLength; at += chunkSize) {
    secrets.push({ label: `plaintext at ${at} of ${file.name}`, bytes: plaintext.subarray(at, Math.min(plaintext.byteLength, at + 48)) });
  }
  return secrets;
}
