// Unlock: the one action for a locked TeamChat (status bar, side bar, chat panel and the
// notification after Lock all offer it): only the passphrase is asked for the known account.
import type { TeamChatCommand } from './command';
import { signInFlow } from './sign-in-flow';
import * as notify from '../plain-notifications';

export const unlock: TeamChatCommand = {
  name: 'unlock',
  async run(app, args) {
    if (app.accounts.session) {
      void notify.info(`TeamChat is already unlocked for ${app.accounts.session.username}.`);
      return app.accounts.session.username;
    }
    const session = await signInFlow(app, args, 'signIn');
    return session?.username;
  },
};
