// What sign-up asks for besides name and passphrase, from what the server says of itself
// (GET /api/server): nothing, an invite code, or "an invite or the setup code". Pure, so the
// CLI and the extension decide the same way.
import { INVITE_CODE_PATTERN, SETUP_CODE_PATTERN, type ServerInfoAnswer } from '../../common/api/invites';
import type { ApiClient } from '../api/api-client';
import { ServerError } from '../errors';
import type { Admission } from '../keys/account';

const INVITE_CODE = new RegExp(INVITE_CODE_PATTERN);
const SETUP_CODE = new RegExp(SETUP_CODE_PATTERN);

/** The server's answer; a server from before invites has no /api/server and is open. */
export async function joiningRules(api: ApiClient): Promise<ServerInfoAnswer> {
  try {
    return await api.serverInfo();
  } catch (error) {
    if (error instanceof ServerError && error.status === 404) return { registration: 'open', setupPending: false, memberInvites: false };
    throw error;
  }
}

/** A setup code starts "setup-"; anything else is taken for an invite code. */
export function admissionFromCode(code: string | undefined): Admission {
  const trimmed = code?.trim();
  if (!trimmed) return {};
  return SETUP_CODE.test(trimmed) ? { setupCode: trimmed } : { inviteCode: trimmed };
}

export type JoinQuestion =
  | { kind: 'none' }
  /** Ask for a code: `required` unless registration is open (then only the setup code is worth typing). */
  | { kind: 'code'; required: boolean; title: string; prompt: string }
  /** Nobody can register here now: say why. */
  | { kind: 'refused'; message: string };

export function joinQuestion(rules: ServerInfoAnswer, host: string): JoinQuestion {
  const setup = rules.setupPending;
  if (rules.registration === 'open') {
    if (!setup) return { kind: 'none' };
    return { kind: 'code', required: false, title: 'Setup code (optional)', prompt: `${host} has no server admin yet: the setup code it printed at start makes you the first one. Leave empty to sign up as a member.` };
  }
  if (rules.registration === 'closed' && !setup) return { kind: 'refused', message: `${host} takes no new accounts; ask whoever runs it.` };
  if (rules.registration === 'closed') {
    return { kind: 'code', required: true, title: 'Setup code', prompt: `${host} takes no new accounts, except its first server admin with the setup code it printed at start.` };
  }
  return setup
    ? { kind: 'code', required: true, title: 'Invite or setup code', prompt: `${host} takes new accounts by invite: paste the invite code you were given (or the setup code the server printed, for its first admin).` }
    : { kind: 'code', required: true, title: 'Invite code', prompt: `${host} takes new accounts by invite: paste the invite code a server admin gave you.` };
}

/** What is wrong with a typed code, in words, or undefined when it is one. */
export function joinCodeProblem(code: string, question: JoinQuestion): string | undefined {
  const trimmed = code.trim();
  if (!trimmed) return question.kind === 'code' && question.required ? 'This server needs a code to sign up.' : undefined;
  if (SETUP_CODE.test(trimmed) || INVITE_CODE.test(trimmed)) return undefined;
  return 'That is not an invite code (32 letters, digits, "-" or "_") or a setup code ("setup-" and 32 more); check that it was copied whole.';
}

/** May the signed-in account create invites here (a server admin, or any member where the server allows it)? */
export async function mayInvite(api: ApiClient): Promise<boolean> {
  const [rules, account] = await Promise.all([joiningRules(api), api.account()]);
  return account.serverAdmin || rules.memberInvites;
}
