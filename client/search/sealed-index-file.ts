// The search index at rest: one file, sealed with AES-256-GCM under a key derived (HKDF) from
// the account's Ed25519 seed, which only the unlocked key vault holds, so the file is
// ciphertext to anyone without the passphrase (or the recovery key). The additional data binds
// it to the server and the username, so another account's file (or this account's on another
// server) does not open as this one's. Written to a temporary file and renamed over the old
// one, so a crash never leaves half an index. A file that does not open is not an error the
// user must act on: the index is rebuilt from what the client reads next.
//
// Layout: version(1) || nonce(12) || AES-256-GCM(key, nonce, JSON, aad) || tag(16)
//   key = HKDF-SHA256(Ed25519 seed, info "teamchat/v1/search-index")
//   aad = version || "teamchat/v1/search-index|<server>|<username>"

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Identity } from '../../common/crypto';
import { aesGcmOpen, GCM_NONCE_BYTES, GCM_TAG_BYTES, sealWithFreshNonce } from '../../common/crypto/aes-gcm';
import { concatBytes, utf8 } from '../../common/crypto/bytes';
import { hkdfSha256 } from '../../common/crypto/kdf';

const FORMAT_VERSION = 1;
const KEY_INFO = 'teamchat/v1/search-index';

export interface IndexOwner {
  server: string;
  username: string;
  identity: Pick<Identity, 'signingPrivateKey'>;
}

/** Why a file was not used: it is then replaced by a fresh index. */
export type UnreadableIndex = 'missing' | 'damaged' | 'not-this-account';

export class SealedIndexFile {
  private readonly key: Uint8Array;
  private readonly aad: Uint8Array;

  constructor(readonly file: string, owner: IndexOwner) {
    this.key = searchIndexKey(owner.identity);
    this.aad = concatBytes(Uint8Array.of(FORMAT_VERSION), utf8(`${KEY_INFO}|${owner.server}|${owner.username}`));
  }

  /** The plaintext JSON the file holds, or why it cannot be used. Never throws for a bad file. */
  async read(): Promise<{ json: unknown } | { unreadable: UnreadableIndex }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { unreadable: 'missing' };
      throw error;
    }
    if (bytes.byteLength < 1 + GCM_NONCE_BYTES + GCM_TAG_BYTES || bytes[0] !== FORMAT_VERSION) return { unreadable: 'damaged' };
    let plain: Uint8Array;
    try {
      plain = aesGcmOpen(this.key, bytes.subarray(1, 1 + GCM_NONCE_BYTES), bytes.subarray(1 + GCM_NONCE_BYTES), this.aad);
    } catch {
      // Damaged, or sealed for another account or server: the tag cannot tell which, nor need it.
      return { unreadable: 'not-this-account' };
    }
    try {
      return { json: JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8')) };
    } catch {
      return { unreadable: 'damaged' };
    } finally {
      plain.fill(0);
    }
  }

  async write(json: string): Promise<void> {
    const plain = utf8(json);
    const sealed = concatBytes(Uint8Array.of(FORMAT_VERSION), sealWithFreshNonce(this.key, plain, this.aad));
    plain.fill(0);
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, sealed, { mode: 0o600 });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async erase(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

export function searchIndexKey(identity: Pick<Identity, 'signingPrivateKey'>): Uint8Array {
  return hkdfSha256(identity.signingPrivateKey, KEY_INFO);
}
