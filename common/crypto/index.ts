// The crypto core's public interface (what each module does: README.md beside this file).
// Pure functions over bytes: nothing here knows VS Code, HTTP or the database.

export * from './errors';
export { KDF_DEFAULTS, assertKdfParams, deriveAccountKeys, newKdfParams, type AccountKeys, type KdfParams } from './kdf';
export { createIdentity, type Identity, type PublicIdentity } from './identity';
export { openKeyVault, sealKeyVault } from './key-vault';
export { RECOVERY_KEY_CHARS, RecoveryKeyTypoError, deriveRecoveryKeys, formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key';
export { generateGroupKey, openGroupKey, sealGroupKeyFor, type GroupKeyContext } from './group-key';
export {
  MAX_ENVELOPE_BYTES,
  decryptGroupMessage,
  decryptGroupMessages,
  encryptGroupMessage,
  newMsgId,
  type GroupMessageItem,
  type GroupMessageResult,
  type MessageContext,
} from './message';
export { closeVerifyPool, decryptGroupMessagesInParallel } from './parallel-verify';
export { fingerprint, safetyNumber } from './safety-number';
export { PROTOCOL_VERSION } from './context';
export { fromBase64, toBase64 } from './bytes';
export {
  DEFAULT_FILE_CHUNK_SIZE, FILE_CHUNK_OVERHEAD, FileChunkError, FileHash, checkFileHash, chunkPlainBytes, newFileId, newFileKey, openFileChunk, sealFileChunk,
  type FileChunkProblem,
} from './file-chunks';
export type { MessageEnvelope, MessageKind, CodeSnippet } from '../messages/envelope';
