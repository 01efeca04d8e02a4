import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import parsePrometheusTextFormat, { type PromFamily, type PromSample } from 'parse-prometheus-text-format';
import { eventually } from '../support/eventually';
import { createGroup, send, signUp } from './support/api';
import { startBackend, type Backend } from './support/backends';
import { EventClient } from './support/events';

const TOKEN = `metrics-${randomBytes(16).toString('hex')}`;

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** One scrape as Prometheus does it, read by a real text-format parser; `text` as served. */
async function scrape(backend: Backend): Promise<PromFamily[] & { text: string }> {
  const res = await get(backend.url, '/metrics', { authorization: `Bearer ${TOKEN}` });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return Object.assign(parsePrometheusTextFormat(res.text), { text: res.text });
}

function family(families: PromFamily[], name: string, type: PromFamily['type']): PromFamily {
  const found = families.find((f) => f.name === name);
  assert.ok(found, `the family ${name} is served`);
  assert.equal(found.type, type, `${name} is a ${type}`);
  return found;
}

const matches = (sample: PromSample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => sample.labels?.[k] === v);

/** The value of a counter or gauge, or the count of a histogram, for the sample with these labels (0 if none). */
function valueOf(families: PromFamily[], name: string, labels: Record<string, string> = {}): number {
  const sample = families.find((f) => f.name === name)?.metrics.find((m) => matches(m, labels));
  return Number(sample?.count ?? sample?.value ?? 0);
}

function requests(families: PromFamily[], method: string, route: string, status: number): number {
  return valueOf(families, 'teamchat_http_requests_total', { method, route, status: String(status) });
}

/**
 * How many requests a route's latency histogram holds. The parser folds the series of a
 * labelled histogram into one, so this one series is read from the text it checked.
 */
function timedRequests(scraped: { text: string }, method: string, route: string): number {
  const line = scraped.text.split('\n').find((l) => l.startsWith(`teamchat_http_request_duration_seconds_count{method="${method}",route="${route}"} `));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('metrics', function () {
  this.timeout(60_000);
  let on: Backend | undefined;
  let off: Backend | undefined;
  before(async () => {
    [on, off] = await Promise.all([startBackend('postgresql', { metricsToken: TOKEN }), startBackend('postgresql')]);
  });
  after(async () => { await Promise.all([on?.close(), off?.close()]); });

  it('has no /metrics when no token is configured', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await get(off!.url, '/metrics', headers);
      assert.equal(res.status, 404);
      assert.equal(JSON.parse(res.text).error, 'not_found');
    }
  });

  it('answers 401 without the token, with a wrong one, and with the token anywhere but the Authorization header', async () => {
    const attempts: Record<string, string>[] = [
      {}, { authorization: 'Bearer wrong-token-of-some-length' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: `bearer${TOKEN}` },
      { authorization: `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}` }, { 'x-metrics-token': TOKEN },
    ];
    for (const headers of attempts) {
      const res = await get(on!.url, '/metrics', headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.deepEqual(Object.keys(JSON.parse(res.text)), ['error', 'message']);
      assert.equal(JSON.parse(res.text).error, 'unauthorized');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
      assert.equal(res.text.includes(TOKEN), false);
    }
    const inUrl = await get(on!.url, `/metrics?token=${TOKEN}`);
    assert.equal(inUrl.status, 401, 'a token in the URL is not taken');
  });

  it('serves the families a Prometheus parser reads: requests, sockets, messages, pool, bus lag, process', async () => {
    const families = await scrape(on!);
    family(families, 'teamchat_http_requests_total', 'COUNTER');
    const latency = family(families, 'teamchat_http_request_duration_seconds', 'HISTOGRAM');
    assert.deepEqual(Object.keys(latency.metrics[0]?.buckets ?? {}).map(Number).sort((x, y) => x - y).slice(0, 3), [0.001, 0.0025, 0.005]);
    family(families, 'teamchat_messages_stored_total', 'COUNTER');
    family(families, 'teamchat_event_sockets_open', 'GAUGE');
    family(families, 'teamchat_event_bus_lag_seconds', 'HISTOGRAM');
    family(families, 'teamchat_db_pool_pending_acquires', 'GAUGE');
    family(families, 'process_cpu_user_seconds_total', 'COUNTER');
    family(families, 'nodejs_eventloop_lag_seconds', 'GAUGE');
    const pool = family(families, 'teamchat_db_pool_connections', 'GAUGE');
    assert.deepEqual(pool.metrics.map((m) => m.labels?.state).sort(), ['free', 'max', 'used']);
    assert.equal(valueOf(families, 'teamchat_db_pool_connections', { state: 'max' }), 10);
    const used = valueOf(families, 'teamchat_db_pool_connections', { state: 'used' });
    assert.ok(used >= 0 && used <= 10);
  });

  it('moves with requests, a socket and a send, labelling routes by pattern and never by id', async () => {
    const app = on!.app;
    const before = await scrape(on!);
    const alice = await signUp(app);
    const group = await createGroup(app, alice);
    const socket = await EventClient.connect(`${on!.url.replace(/^http/, 'ws')}/api/events`, alice.token);
    const during = await scrape(on!);
    await send(app, alice, group.id);
    await socket.next((f) => f.type === 'message');
    const stray = await get(on!.url, `/api/groups/${group.id}/nowhere/${randomBytes(8).toString('hex')}`);
    assert.equal(stray.status, 404);
    // The message's own notice comes back through PostgreSQL: that round trip is the bus lag.
    const after = await eventually('the bus lag measured', async () => {
      const now = await scrape(on!);
      return valueOf(now, 'teamchat_event_bus_lag_seconds') > valueOf(before, 'teamchat_event_bus_lag_seconds') && now;
    });

    assert.equal(valueOf(during, 'teamchat_event_sockets_open'), valueOf(before, 'teamchat_event_sockets_open') + 1);
    assert.equal(valueOf(after, 'teamchat_messages_stored_total'), valueOf(before, 'teamchat_messages_stored_total') + 1);
    assert.equal(requests(after, 'POST', '/api/auth/register', 201), requests(before, 'POST', '/api/auth/register', 201) + 1);
    assert.equal(requests(after, 'POST', '/api/auth/login', 200), requests(before, 'POST', '/api/auth/login', 200) + 1);
    assert.equal(requests(after, 'POST', '/api/groups/:id/messages', 201), requests(before, 'POST', '/api/groups/:id/messages', 201) + 1);
    assert.equal(requests(after, 'GET', 'unmatched', 404), requests(before, 'GET', 'unmatched', 404) + 1);
    assert.ok(requests(after, 'GET', '/metrics', 200) >= 2, 'the scrapes count too');

    assert.equal(timedRequests(after, 'POST', '/api/groups/:id/messages'), timedRequests(before, 'POST', '/api/groups/:id/messages') + 1);
    const lag = family(after, 'teamchat_event_bus_lag_seconds', 'HISTOGRAM').metrics[0];
    assert.equal(lag?.buckets?.['+Inf'], lag?.count, 'every lag falls in the +Inf bucket');
    assert.ok(Number(lag?.sum) >= 0 && Number(lag?.sum) < 30);
    const labelValues = after.flatMap((f) => f.metrics.flatMap((m) => Object.values(m.labels ?? {})));
    assert.equal(labelValues.some((v) => v.includes(group.id) || v.includes(alice.username)), false, 'no id or name in a label');

    socket.close();
    await eventually('the socket counted out', async () => valueOf(await scrape(on!), 'teamchat_event_sockets_open') === valueOf(before, 'teamchat_event_sockets_open'));
  });
});
