// Sign Up: makes the account's keys on this device and registers only public keys and the
// sealed vaults (under the passphrase and under a recovery key, which is shown once here).
import { showNewRecoveryKey } from '../recovery-key-dialog';
import { argsOf, type TeamChatCommand } from './command';
import { signInFlow } from './sign-in-flow';
import * as notify from '../plain-notifications';

export const signUp: TeamChatCommand = {
  name: 'signUp',
  async run(app, args) {
    const session = await signInFlow(app, args, 'signUp');
    if (!session) return undefined;
    const recoveryKey = session.client.takeRecoveryKey();
    // { showRecoveryKey: false }: for a test that drives the command; the key is then never shown (make one later).
    if (argsOf<{ showRecoveryKey: boolean }>(args).showRecoveryKey !== false) await showNewRecoveryKey(session.username, recoveryKey);
    void notify.info(`Welcome to TeamChat, ${session.username}. Create a group or ask a teammate to add you.`);
    return session.username;
  },
};
