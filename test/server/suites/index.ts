import { startBackend, type Backend, type BackendName } from '../support/backends';
import { accountStatusSuite } from './account-status.suite';
import { authSuite } from './auth.suite';
import { directMessagesSuite } from './direct-messages.suite';
import { filesSuite } from './files.suite';
import { groupsSuite } from './groups.suite';
import { groupTextSuite } from './group-text.suite';
import { membersSuite } from './members.suite';
import { messagesSuite } from './messages.suite';
import { passphraseSuite } from './passphrase.suite';
import { presenceSuite } from './presence.suite';
import { realtimeSuite } from './realtime.suite';
import { recoverySuite } from './recovery.suite';
import { schemaSuite } from './schema.suite';
import { threadsSuite } from './threads.suite';

/** The same route tests against one backend: real PostgreSQL or the embedded PGlite. */
export function defineRouteSuites(name: BackendName): void {
  describe(`routes on ${name}`, function () {
    this.timeout(60_000);
    let backend: Backend | undefined;
    before(async () => { backend = await startBackend(name); });
    after(async () => { await backend?.close(); });
    const current = () => {
      if (!backend) throw new Error('the backend did not start');
      return backend;
    };
    authSuite(current);
    accountStatusSuite(current);
    groupsSuite(current);
    groupTextSuite(current);
    directMessagesSuite(current);
    membersSuite(current);
    messagesSuite(current);
    filesSuite(current);
    passphraseSuite(current);
    realtimeSuite(current);
    presenceSuite(current);
    recoverySuite(current);
    schemaSuite(current);
    threadsSuite(current);
  });
}
