// Sign In (also Unlock): asks for the passphrase once per session and opens the key vault.
import { warnIfNoRecoveryKey } from '../recovery-key-dialog';
import type { TeamChatCommand } from './command';
import { signInFlow } from './sign-in-flow';

export const signIn: TeamChatCommand = {
  name: 'signIn',
  async run(app, args) {
    const session = await signInFlow(app, args, 'signIn');
    if (session) void warnIfNoRecoveryKey(session.client);
    return session?.username;
  },
};
