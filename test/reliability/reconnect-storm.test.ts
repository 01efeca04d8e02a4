import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { encryptedPost } from '../../bench/support/seed';
import { reconnectStorm } from '../../bench/support/scale/reconnect-storm';
import { seedScaleWorld, type ScaleWorld } from '../../bench/support/scale/seed-scale';
import { Poster, Swarm } from '../../bench/support/scale/swarm';
import { freePort } from '../../bench/support/processes';
import { newJwtSecret, startTeamChatServer, type ServerStart, type TeamChatServer } from '../../bench/support/teamchat-server';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The bench runs the full 10,000 (`npm run bench -- --only scale`); this is the same storm at
// a size this machine runs in about a minute.
const CLIENTS = Number(process.env.RELIABILITY_STORM_CLIENTS ?? 600);
const SETTLE_LIMIT_S = 60;

describe(`reliability: reconnect storm of ${CLIENTS} event sockets after a server restart`, function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let start: ServerStart;
  let server: TeamChatServer;
  let world: ScaleWorld;
  let swarm: Swarm;
  let poster: Poster;

  before(async function () {
    this.timeout(600_000);
    database = await createTestDatabase('reliability_storm');
    // A fixed port, so the restarted server is where the clients reconnect; start-up may be
    // slow on a loaded machine, and it is not what is timed.
    start = { databaseUrl: database.url, jwtSecret: newJwtSecret(), port: await freePort(), startSeconds: 300 };
    server = await startTeamChatServer(start);
    world = await seedScaleWorld(server.baseUrl, database.url, start.jwtSecret, CLIENTS, 50, Math.floor(CLIENTS / 5));
    swarm = Swarm.start(2);
    poster = new Poster();
  });

  after(async () => {
    await swarm?.close();
    await swarm?.stop();
    await poster?.stop();
    await server?.stop();
    await database?.drop();
  });

  it('settles within 60 s with every acknowledged message held exactly once by every member, catch-up included', async () => {
    const tag = randomBytes(4).toString('hex');
    const connected = await swarm.connect([server.baseUrl], world.clients, tag);
    assert.equal(connected.ready, CLIENTS, `only ${connected.ready} of ${CLIENTS} sockets signed in`);
    const groups = [...world.teams.map((g) => g.id), world.big.id];
    const result = await reconnectStorm({
      swarm, poster, urls: [server.baseUrl], token: world.owner.token, groups,
      blobB64: encryptedPost(world.big, world.owner, 0).encryptedBlobB64, tag, heads: {},
      kill: async () => {
        server.child.process.kill('SIGKILL');
        await server.stop();
      },
      start: async () => {
        server = await startTeamChatServer(start);
      },
      postsPerSecond: 40, postSeconds: 4, settleLimitS: SETTLE_LIMIT_S,
    });
    const summary = JSON.stringify(result);
    // Sends were refused while the server was down, and retried until acknowledged.
    assert.ok(result.retries > 0, `the server was never down for a sender: ${summary}`);
    assert.equal(result.unacknowledged, 0, summary);
    assert.equal(result.progress.ready, CLIENTS, summary);
    assert.equal(result.clientsMissingMessages, 0, summary);
    assert.ok(result.settled, `not settled within ${SETTLE_LIMIT_S} s: ${summary}`);
    assert.ok(result.progress.catchUpRequests >= CLIENTS, `clients did not catch up after reconnecting: ${summary}`);

    // Exactly once on the server too: a retried send (same msgId) never stored a second copy,
    // and every stored message was acknowledged.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string; ids: string }>(
        'SELECT count(*) AS n, count(DISTINCT (group_id, msg_id)) AS ids FROM group_messages WHERE group_id = ANY($1::uuid[])', [groups]);
      assert.equal(Number(rows[0]?.n), result.acknowledged, summary);
      assert.equal(Number(rows[0]?.ids), result.acknowledged, summary);
    } finally {
      await db.end();
    }
  });
});
