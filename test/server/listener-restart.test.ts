import assert from 'node:assert/strict';
import pg from 'pg';
import { CLOSE_RECONNECT } from '../../common/api';
import { createGroup, send, signUp } from './support/api';
import { startBackend, type Backend } from './support/backends';
import { EventClient, isMessageIn } from './support/events';

describe('event listener connection lost', function () {
  this.timeout(60_000);
  let backend: Backend | undefined;
  const clients: EventClient[] = [];
  before(async () => { backend = await startBackend('postgresql'); });
  after(async () => {
    for (const client of clients) client.close();
    await backend?.close();
  });

  it('listens again and tells subscribers to reconnect and catch up (1012), then delivers as before', async () => {
    const { app, url, databaseUrl } = backend!;
    const eventsUrl = `${url.replace('http', 'ws')}/api/events`;
    const alice = await signUp(app);
    const group = await createGroup(app, alice);
    const first = await EventClient.connect(eventsUrl, alice.token);
    clients.push(first);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`);
      assert.equal(killed.rowCount, 1, 'one LISTEN connection');
    } finally {
      await admin.end();
    }
    const { code } = await first.closed;
    assert.equal(code, CLOSE_RECONNECT);

    const second = await EventClient.connect(eventsUrl, alice.token);
    clients.push(second);
    const message = await send(app, alice, group.id);
    await second.next(isMessageIn(group.id, message.msgId));
  });
});
