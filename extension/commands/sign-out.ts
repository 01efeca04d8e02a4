// Sign Out: revokes the refresh token on the server and forgets every key and token here.
import type { TeamChatCommand } from './command';
import * as notify from '../plain-notifications';

export const signOut: TeamChatCommand = {
  name: 'signOut',
  async run(app) {
    await app.accounts.signOut();
    void notify.info('Signed out of TeamChat. Your keys and tokens are gone from this device.');
  },
};
