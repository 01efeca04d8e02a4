// What each change must say in its signed links, so the server stores no link that claims
// something other than what the request does. Clients verify all of it again themselves.

import type { Rotation } from '../../common/api';
import type { GroupLink } from '../../common/group-log';
import type { ExpectedLink } from '../store/group-log';

interface Keys {
  encryptionKey: string;
  signingKey: string;
}

const about = (username: string) => (link: GroupLink) =>
  'username' in link.body && link.body.username === username ? undefined : `The link must be about ${username}.`;

export const expectLink = {
  create: (name: string, creator: Keys | undefined): ExpectedLink => ({
    type: 'create',
    check: (link) => link.type === 'create' && link.body.name === name && link.body.member.encryptionKey === creator?.encryptionKey
      && link.body.member.signingKey === creator.signingKey ? undefined : 'The create link must carry the group name and your registered keys.',
  }),

  start: (name: string, generation: number, members: Array<Keys & { username: string; admin: boolean }>): ExpectedLink => {
    const stated = members.map((m) => [m.username, m.admin, m.encryptionKey, m.signingKey].join(' ')).join('\n');
    return {
      type: 'start',
      check: (link) => link.type === 'start' && link.body.name === name && link.body.generation === generation
        && link.body.members.map((m) => [m.username, m.admin, m.encryptionKey, m.signingKey].join(' ')).join('\n') === stated
        ? undefined : 'The start link must name the group, its current generation and exactly the members, admins and registered keys.',
    };
  },

  add: (username: string, registered: Keys, generations: number[]): ExpectedLink => {
    const shared = [...generations].sort((a, b) => a - b).join(',');
    return {
      type: 'add',
      check: (link) => link.type === 'add' && link.body.member.username === username
        && link.body.member.encryptionKey === registered.encryptionKey && link.body.member.signingKey === registered.signingKey
        && link.body.generations.join(',') === shared
        ? undefined : `The add link must carry ${username}'s registered keys and the generations sealed to them.`,
    };
  },

  rotate: (rotation: Rotation): ExpectedLink => {
    const sealedTo = rotation.keys.map((k) => k.username).sort().join(',');
    return {
      type: 'rotate',
      check: (link) => link.type === 'rotate' && link.body.generation === rotation.generation && link.body.sealedTo.join(',') === sealedTo
        ? undefined : 'The rotate link must name the generation and exactly the members the key is sealed to.',
    };
  },

  rename: (name: string): ExpectedLink => ({
    type: 'rename',
    check: (link) => (link.type === 'rename' && link.body.name === name ? undefined : 'The rename link must carry the new name.'),
  }),

  topic: (topic: string): ExpectedLink => ({
    type: 'topic',
    check: (link) => (link.type === 'topic' && link.body.topic === topic ? undefined : 'The topic link must carry the new topic.'),
  }),

  /** Both people, sorted, each with the keys the server holds for them. */
  dm: (members: Array<Keys & { username: string }>): ExpectedLink => {
    const stated = [...members].sort((a, b) => (a.username < b.username ? -1 : 1)).map((m) => [m.username, m.encryptionKey, m.signingKey].join(' ')).join('\n');
    return {
      type: 'dm',
      check: (link) => link.type === 'dm' && link.body.members.map((m) => [m.username, m.encryptionKey, m.signingKey].join(' ')).join('\n') === stated
        ? undefined : 'The dm link must name exactly you and the other person, with your registered keys.',
    };
  },

  about: (type: 'remove' | 'promote' | 'demote', username: string): ExpectedLink => ({ type, check: about(username) }),
  plain: (type: 'leave' | 'delete'): ExpectedLink => ({ type }),
};
