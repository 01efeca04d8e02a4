// The strings that bind ciphertexts to where they belong. Fields are joined with '|', so
// each field is checked to be non-empty and free of '|': that keeps every binding string
// readable back into exactly one (group, generation, user, msgId) and no two contexts can
// produce the same string.

import { ParameterError } from './errors';

export const PROTOCOL_VERSION = 1;

const MSG_ID = /^[0-9a-f]{32}$/;
const MAX_FIELD_LENGTH = 256;

export function assertField(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH || value.includes('|')) {
    throw new ParameterError(`The ${what} must be a non-empty string of at most ${MAX_FIELD_LENGTH} characters without '|'.`);
  }
}

export function assertGeneration(value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ParameterError('The key generation must be a positive integer.');
  }
}

export function assertMsgId(value: unknown, what = 'message id'): asserts value is string {
  if (typeof value !== 'string' || !MSG_ID.test(value)) {
    throw new ParameterError(`The ${what} must be 32 lowercase hex characters.`);
  }
}

/** HPKE info for the copy of a group key sealed for one member. */
export function groupKeyInfo(groupId: string, generation: number, username: string): string {
  assertField(groupId, 'group id');
  assertGeneration(generation);
  assertField(username, 'username');
  return `teamchat/v${PROTOCOL_VERSION}/groupkey|${groupId}|${generation}|${username}`;
}

/** AES-GCM additional data of one message; also the head of what the sender signs. */
export function messageAad(groupId: string, generation: number, sender: string, msgId: string): string {
  assertField(groupId, 'group id');
  assertGeneration(generation);
  assertField(sender, 'sender');
  assertMsgId(msgId);
  return `teamchat/v${PROTOCOL_VERSION}/msg|${groupId}|${generation}|${sender}|${msgId}`;
}

/** AES-GCM additional data of a key vault. */
export function keyVaultAad(username: string): string {
  assertField(username, 'username');
  return `teamchat/v${PROTOCOL_VERSION}/keyvault|${username}`;
}

/** AES-GCM additional data of the key vault sealed under the recovery key. */
export function recoveryVaultAad(username: string): string {
  assertField(username, 'username');
  return `teamchat/v${PROTOCOL_VERSION}/recoveryvault|${username}`;
}

/**
 * AES-GCM additional data of one chunk of a file: its file id, its place and whether it is
 * the last, so a chunk opens only where it was sealed (docs/files.md).
 */
export function fileChunkAad(fileId: string, index: number, last: boolean): string {
  assertMsgId(fileId, 'file id');
  if (!Number.isSafeInteger(index) || index < 0 || index > 0xffffffff) throw new ParameterError('A chunk index is an integer from 0.');
  return `teamchat/v${PROTOCOL_VERSION}/filechunk|${fileId}|${index}|${last ? 'last' : 'more'}`;
}
