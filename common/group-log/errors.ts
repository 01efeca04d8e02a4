// Every way a group log can fail verification, by name, so that the UI and the CLI can say
// what was wrong and tests can check the reason, not a sentence.

export type GroupLogProblem =
  /** Not a link of this format: bad JSON, not canonical, a field missing or extra. */
  | 'malformed'
  | 'unsupported-version'
  /** The link names another group. */
  | 'wrong-group'
  /** Sequence numbers are not 1, 2, 3, ... */
  | 'bad-seq'
  /** `prev` is not the hash of the link before. */
  | 'bad-prev'
  | 'bad-signature'
  /** A well-formed, signed change its signer had no right to make, or one that breaks a rule. */
  | 'not-allowed'
  /** The server's log is shorter than, or differs from, the head this client verified before. */
  | 'rollback'
  /** Another member was shown a different history (a message names a head not in ours). */
  | 'fork';

export class GroupLogError extends Error {
  constructor(readonly problem: GroupLogProblem, readonly seq: number | undefined, message: string) {
    super(message);
    this.name = new.target.name;
  }
}
