// The default level by group size, and what a stored choice does to it.
import * as assert from 'node:assert/strict';
import { defaultNotifyLevel, LARGE_GROUP_MEMBERS, NotificationSettings } from '../../../extension/notification-settings';
import { keptStateInMemory } from '../support/kept-state';

describe('host notification settings', () => {
  it('starts a group of more than ten members at Mentions only, a smaller one at All messages', () => {
    assert.equal(LARGE_GROUP_MEMBERS, 10);
    assert.equal(defaultNotifyLevel(2), 'all');
    assert.equal(defaultNotifyLevel(10), 'all');
    assert.equal(defaultNotifyLevel(11), 'mentions');
  });

  it('keeps the user\'s choice over the default, whatever the group grows to, and ignores a value it did not write', async () => {
    const state = keptStateInMemory();
    const settings = new NotificationSettings(state, 'https://chat.example.com', 'alice');
    assert.equal(settings.levelOf('g1', 40), 'mentions');
    await settings.choose('g1', 'all');
    assert.equal(settings.levelOf('g1', 40), 'all');
    assert.deepEqual([...state.values.keys()], ['teamchat.notify/https://chat.example.com/alice/g1']);
    await state.update('teamchat.notify/https://chat.example.com/alice/g2', 'loud');
    assert.equal(settings.levelOf('g2', 3), 'all');
  });
});
