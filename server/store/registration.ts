// Creating an account, with what the registration mode asks for: in one transaction the
// account row, the setup code spent (the first server admin) or the invite's use counted. A
// refusal rolls everything back, so nothing is spent for an account that was not made.
import type { Knex } from '@mikro-orm/postgresql';
import type { NewAccount } from './users';
import { spendInvite } from './invites';
import { spendSetupCode } from './setup-code';

export interface Admission {
  inviteCode?: string;
  setupCode?: string;
}

export type Registration =
  | { outcome: 'created'; serverAdmin: boolean }
  | { outcome: 'username_taken' }
  | { outcome: 'invalid_setup_code' }
  | { outcome: 'invalid_invite'; reason: string }
  | { outcome: 'invite_username_mismatch' };

class Refused extends Error {
  constructor(readonly registration: Registration) {
    super(registration.outcome);
  }
}

export async function registerAccount(knex: Knex, account: NewAccount, admission: Admission): Promise<Registration> {
  try {
    return await knex.transaction(async (trx) => {
      const serverAdmin = admission.setupCode !== undefined;
      if (admission.setupCode !== undefined && !(await spendSetupCode(trx, admission.setupCode))) {
        throw new Refused({ outcome: 'invalid_setup_code' });
      }
      const inserted = await trx('users').insert({
        username: account.username,
        kdf: JSON.stringify(account.kdf),
        auth_key_hash: account.authKeyHash,
        encryption_public_key: account.encryptionPublicKey,
        signing_public_key: account.signingPublicKey,
        key_vault: account.keyVault,
        server_admin: serverAdmin,
      }).onConflict('username').ignore().returning('username');
      if (inserted.length === 0) throw new Refused({ outcome: 'username_taken' });
      if (!serverAdmin && admission.inviteCode !== undefined) {
        const spent = await spendInvite(trx, admission.inviteCode, account.username);
        if (spent.outcome === 'invalid') throw new Refused({ outcome: 'invalid_invite', reason: spent.reason });
        if (spent.outcome === 'username_mismatch') throw new Refused({ outcome: 'invite_username_mismatch' });
      }
      return { outcome: 'created', serverAdmin } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.registration;
    throw error;
  }
}
