// What the server prints at start about who may join: the registration mode and, while there
// is no server admin, the setup code (on stdout only: never in the pino log, never stored).
import type { RegistrationMode } from '../common/api/invites';
import type { SetupCodeOutcome } from './store/setup-code';

const MODE_TEXT: Record<RegistrationMode, string> = {
  open: 'open (anyone who reaches this server may create an account)',
  invite: 'invite (a new account needs an invite from a server admin)',
  closed: 'closed (no new accounts)',
};

export function joinNotice(mode: RegistrationMode, setup: SetupCodeOutcome): string[] {
  const lines = [`Registration: ${MODE_TEXT[mode]}.`];
  if (setup.kind === 'created') {
    lines.push(
      `Setup code (one use, until ${setup.expiresAt.toISOString()}): ${setup.code}`,
      '  Register the first server admin with it: teamchat register <name> --setup-code <code>, or',
      '  "Invite or setup code" in the extension\'s Sign Up. It works in every registration mode.',
    );
  } else if (setup.kind === 'live') {
    lines.push(
      `There is no server admin yet. A setup code was printed by another process on this database (or an earlier start) at ${setup.createdAt.toISOString()};`,
      `  use that one, or restart after ${setup.expiresAt.toISOString()} for a new one.`,
    );
  }
  return lines;
}
