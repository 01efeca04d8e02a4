import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../client/events/backoff';

describe('reconnect backoff', () => {
  it('doubles from the initial delay and stays between half and all of the ceiling', () => {
    const options = { initialMs: 100, maxMs: 10_000, factor: 2 };
    for (const [attempt, ceiling] of [[0, 100], [1, 200], [2, 400], [5, 3200]] as const) {
      assert.equal(backoffDelay(attempt, options, () => 0), ceiling / 2);
      assert.equal(backoffDelay(attempt, options, () => 0.999999), ceiling);
    }
  });

  it('never exceeds the maximum however many attempts failed', () => {
    for (const attempt of [10, 50, 1000]) {
      const delay = backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999999);
      assert.ok(delay <= DEFAULT_BACKOFF.maxMs && delay >= DEFAULT_BACKOFF.maxMs / 2, String(delay));
    }
  });
});
