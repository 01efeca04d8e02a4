// What a 'file' message carries inside its envelope: everything needed to fetch, decrypt and
// check an attachment (id, key, hash) and to show it (name, type, size, thumbnail). All of it
// is end-to-end encrypted with the message; the server only ever sees the file id and the
// ciphertext chunks. Validated here for sender and reader alike. Type-only for the webview.

import { ParameterError } from '../crypto/errors';

export type ThumbnailType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface FileThumbnail {
  type: ThumbnailType;
  /** Standard base64 of the image, at most THUMBNAIL_MAX_BYTES decoded. */
  dataB64: string;
  width: number;
  height: number;
}

export interface FileAttachment {
  /** 32 lowercase hex: the server's name for the upload, random per file. */
  id: string;
  /** Standard base64 of the file's own 32-byte AES-256-GCM key. */
  key: string;
  /** Lowercase hex SHA-256 of the whole plaintext. */
  sha256: string;
  /** A plain file name: no path separators, control or bidi characters. */
  name: string;
  /** MIME type, e.g. text/plain or image/png (no parameters). */
  type: string;
  /** Plaintext bytes. */
  size: number;
  /** Plaintext bytes per chunk (the last may be shorter). */
  chunkSize: number;
  /** max(1, ceil(size / chunkSize)): an empty file is one empty chunk. */
  chunks: number;
  thumbnail?: FileThumbnail;
}

export const THUMBNAIL_TYPES: readonly ThumbnailType[] = ['image/png', 'image/jpeg', 'image/webp'];
export const THUMBNAIL_MAX_BYTES = 24 * 1024;
export const THUMBNAIL_MAX_SIDE = 4096;
export const FILE_NAME_MAX = 255;
/** A chunk size any client may choose, from 1 KiB to 4 MiB. */
export const FILE_CHUNK_SIZE_MIN = 1024;
export const FILE_CHUNK_SIZE_MAX = 4 * 1024 * 1024;
/** Far above any server's limit; only here so size arithmetic stays exact. */
const FILE_SIZE_MAX = 2 ** 44;

const FILE_ID = /^[0-9a-f]{32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY_B64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, line/paragraph separators.
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069/\\]/;

function fail(reason: string): never {
  throw new ParameterError(`The message is not valid: ${reason}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) fail(`${field} must be an integer from ${min} to ${max}`);
  return value;
}

function matching(value: unknown, pattern: RegExp, field: string, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${field} must be ${what}`);
  return value;
}

/** Why a file name is refused, or undefined when it is a plain name. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > FILE_NAME_MAX) return `a file name is 1 to ${FILE_NAME_MAX} characters`;
  if (UNSAFE_NAME_CHARS.test(name)) return 'a file name has no path separators, control or bidi characters';
  if (name === '.' || name === '..') return 'a file name is not . or ..';
  if (name.trim() !== name) return 'a file name does not start or end with spaces';
  return undefined;
}

/** How many chunks a file of `size` bytes has at `chunkSize`: an empty file is one empty chunk. */
export function chunkCount(size: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(size / chunkSize));
}

function parseThumbnail(value: unknown): FileThumbnail {
  if (!isRecord(value)) fail('file.thumbnail must be an object');
  const type = value.type;
  if (typeof type !== 'string' || !(THUMBNAIL_TYPES as readonly string[]).includes(type)) fail(`file.thumbnail.type must be one of ${THUMBNAIL_TYPES.join(', ')}`);
  const dataB64 = matching(value.dataB64, BASE64, 'file.thumbnail.dataB64', 'base64');
  if (dataB64.length === 0 || dataB64.length > Math.ceil(THUMBNAIL_MAX_BYTES / 3) * 4) fail(`file.thumbnail.dataB64 must hold 1 to ${THUMBNAIL_MAX_BYTES} bytes`);
  return {
    type: type as ThumbnailType,
    dataB64,
    width: integer(value.width, 'file.thumbnail.width', 1, THUMBNAIL_MAX_SIDE),
    height: integer(value.height, 'file.thumbnail.height', 1, THUMBNAIL_MAX_SIDE),
  };
}

/** Validates a file attachment and returns a copy holding only the known fields. */
export function parseFileAttachment(value: unknown): FileAttachment {
  if (!isRecord(value)) fail('file must be an object');
  const name = value.name;
  if (typeof name !== 'string') fail('file.name must be a string');
  const nameProblem = fileNameProblem(name);
  if (nameProblem) fail(nameProblem);
  const type = matching(value.type, MIME, 'file.type', 'a MIME type such as text/plain');
  const file: FileAttachment = {
    id: matching(value.id, FILE_ID, 'file.id', 'a file id (32 lowercase hex characters)'),
    key: matching(value.key, KEY_B64, 'file.key', 'the base64 of 32 bytes'),
    sha256: matching(value.sha256, SHA256_HEX, 'file.sha256', 'a SHA-256 (64 lowercase hex characters)'),
    name,
    type,
    size: integer(value.size, 'file.size', 0, FILE_SIZE_MAX),
    chunkSize: integer(value.chunkSize, 'file.chunkSize', FILE_CHUNK_SIZE_MIN, FILE_CHUNK_SIZE_MAX),
    chunks: integer(value.chunks, 'file.chunks', 1, FILE_SIZE_MAX),
  };
  if (file.chunks !== chunkCount(file.size, file.chunkSize)) fail('file.chunks does not fit file.size and file.chunkSize');
  if (value.thumbnail !== undefined) file.thumbnail = parseThumbnail(value.thumbnail);
  return file;
}
