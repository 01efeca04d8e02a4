// From passphrase to account keys, split like Bitwarden: Argon2id makes a master key once
// per sign-in; HKDF-SHA256 splits it into the authKey (sent to the server, which stores
// only its own hash of it) and the kek (never leaves the client; opens the key vault).

import { hkdfSync, randomBytes } from 'node:crypto';
import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { assertByteLength } from './byte-length';
import { fromBase64, toBase64, utf8 } from './bytes';
import { ParameterError } from './errors';

export interface KdfParams {
  algorithm: 'argon2id';
  version: 19;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  saltB64: string;
}

export interface AccountKeys {
  authKey: Uint8Array;
  kek: Uint8Array;
}

/** RFC 9106's second recommended option: 64 MiB, t=3, p=4. */
export const KDF_DEFAULTS: Omit<KdfParams, 'saltB64'> = Object.freeze({
  algorithm: 'argon2id',
  version: 19,
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 4,
});

// Upper bounds keep a hostile server from making a client allocate gigabytes or spin for minutes.
const MAX_MEMORY_KIB = 1024 * 1024;
const MAX_ITERATIONS = 16;
const MAX_PARALLELISM = 16;
const SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;
const KEY_BYTES = 32;

// @node-rs/argon2 declares these as const enums, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;
const ARGON2_V0X13 = 1 as Version;

export function newKdfParams(): KdfParams {
  return { ...KDF_DEFAULTS, saltB64: toBase64(randomBytes(SALT_BYTES)) };
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function assertKdfParams(params: KdfParams): void {
  if (typeof params !== 'object' || params === null) {
    throw new ParameterError('The key derivation parameters are missing.');
  }
  if (params.algorithm !== 'argon2id' || params.version !== 19) {
    throw new ParameterError('The key derivation must be Argon2id version 19.');
  }
  if (!isIntegerIn(params.memoryKiB, KDF_DEFAULTS.memoryKiB, MAX_MEMORY_KIB)) {
    throw new ParameterError(`The Argon2id memory must be between ${KDF_DEFAULTS.memoryKiB} and ${MAX_MEMORY_KIB} KiB.`);
  }
  if (!isIntegerIn(params.iterations, KDF_DEFAULTS.iterations, MAX_ITERATIONS)) {
    throw new ParameterError(`The Argon2id iterations must be between ${KDF_DEFAULTS.iterations} and ${MAX_ITERATIONS}.`);
  }
  if (!isIntegerIn(params.parallelism, 1, MAX_PARALLELISM)) {
    throw new ParameterError(`The Argon2id parallelism must be between 1 and ${MAX_PARALLELISM}.`);
  }
  const salt = fromBase64(params.saltB64, 'key derivation salt');
  if (salt.byteLength < SALT_BYTES || salt.byteLength > MAX_SALT_BYTES) {
    throw new ParameterError(`The key derivation salt must be ${SALT_BYTES} to ${MAX_SALT_BYTES} bytes.`);
  }
}

/** Argon2id(passphrase, salt) → 32-byte master key. The one slow step (64 MiB, ~0.1–0.5 s). */
export async function deriveMasterKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  assertKdfParams(kdf);
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new ParameterError('The passphrase must not be empty.');
  }
  // NFC so that the same passphrase typed on systems that compose accents differently
  // derives the same keys.
  const password = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  try {
    const master = await hashRaw(password, {
      algorithm: ARGON2ID,
      version: ARGON2_V0X13,
      memoryCost: kdf.memoryKiB,
      timeCost: kdf.iterations,
      parallelism: kdf.parallelism,
      outputLen: KEY_BYTES,
      salt: fromBase64(kdf.saltB64, 'key derivation salt'),
    });
    return new Uint8Array(master);
  } finally {
    password.fill(0);
  }
}

export function hkdfSha256(ikm: Uint8Array, info: string, length = KEY_BYTES): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', ikm, new Uint8Array(0), utf8(info), length));
}

/** Splits a master key into authKey and kek. */
export function splitMasterKey(masterKey: Uint8Array): AccountKeys {
  assertByteLength(masterKey, KEY_BYTES, 'master key');
  return {
    authKey: hkdfSha256(masterKey, 'teamchat/v1/auth'),
    kek: hkdfSha256(masterKey, 'teamchat/v1/kek'),
  };
}

export async function deriveAccountKeys(passphrase: string, kdf: KdfParams): Promise<AccountKeys> {
  const master = await deriveMasterKey(passphrase, kdf);
  try {
    return splitMasterKey(master);
  } finally {
    master.fill(0);
  }
}
