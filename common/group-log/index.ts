// The group log (docs/protocol.md, "The group log"): signed, hash-chained changes to a
// group that every client verifies, so the server cannot add a reader, swap a key, roll
// back a generation or show two members different groups without it showing.

export { RuleBroken } from './apply-link';
export { canonicalJson, parseCanonicalJson, CanonicalJsonError } from './canonical-json';
export { GroupLogError, type GroupLogProblem } from './errors';
export { admins, cloneState, holds, memberAt, type GroupLogState, type LogEntry, type LogHead, type LogMember } from './group-state';
export { LINK_TYPES, LINK_VERSION, MAX_LINK_CHARS, linkHash, parseLink, signedBytes, unsigned, type GroupLink, type LinkBodies, type LinkType, type MemberKeys, type StartMember } from './link';
export { makeLink, nextHead, type SignedLink } from './make-link';
export { checkMessagePosition, type PositionCheck, type PositionProblem } from './message-position';
export { assertExtends, verifyGroupLog } from './verify-log';
