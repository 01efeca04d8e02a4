// The client core's public surface, for the VS Code extension and the CLI.
export { TeamChatClient, type GroupRef, type HistoryOptions, type TeamChatClientOptions, type TeamChatEvents } from './teamchat-client';
export type { ChatMessage, MessageStatus } from './messages/chat-message';
export { mentions } from './messages/mentions';
export type { Group, GroupVerification, VerificationState } from './groups/verified-group';
export { GroupNameTakenError, NoSuchUsersError, type CreateGroupOptions } from './groups/group-creation';
export { groupNameProblem, groupTopicProblem } from './groups/group-text';
export type { DeactivatedMember, GroupHistory } from './teamchat-client';
export type { LogEntry } from '../common/group-log';
export type { ConnectionState } from './events/events-client';
export type { KeyCheck, KeyTrust } from './trust/user-directory';
export { MemorySecretStore, type SecretStore } from './secrets/secret-store';
export { ProfileFileSecretStore } from './secrets/profile-file-secret-store';
export { normalizeServerUrl } from './api/server-url';
export { signIn, signUp, loginWithKeys, WrongCredentialsError, UsernameTakenError, type SignedInAccount } from './keys/account';
export { WrongCurrentPassphraseError } from './keys/change-passphrase';
export { MistypedRecoveryKeyError, RecoveryVaultDamagedError, WrongRecoveryKeyError } from './keys/recovery-key';
export * from './errors';
export type { SearchResult } from './search/message-search';
