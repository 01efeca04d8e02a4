// What several end-to-end suites start from: alice and bob signed up on the world's server,
// both connected, and a group of alice's with bob in it, seen by bob.
import { MemorySecretStore, TeamChatClient, type Group } from '../../../client';
import { groupAppears, TEST_CLIENT_OPTIONS, type ServerWorld } from './chat-world';

export interface TwoMembers {
  alice: TeamChatClient;
  bob: TeamChatClient;
  group: Group;
}

export async function aliceAndBobIn(world: ServerWorld, groupName: string, passphrases: { alice: string; bob: string }): Promise<TwoMembers> {
  const alice = await TeamChatClient.signUp(world.url, 'alice', passphrases.alice, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
  const bob = await TeamChatClient.signUp(world.url, 'bob', passphrases.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
  await Promise.all([alice.connect(), bob.connect()]);
  const group = await alice.createGroup(groupName);
  const bobSees = groupAppears(bob, group.id);
  await alice.addMember(group.id, 'bob');
  await bobSees;
  return { alice, bob, group };
}
