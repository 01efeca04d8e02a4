// One verified change of a group's signed log, in words: "alice added bob".
import type { GroupChangeView } from '../../common/webview-protocol';

export function describeChange(c: GroupChangeView): string {
  const who = c.username ?? 'someone';
  switch (c.type) {
    case 'create':
      return `${c.signer} created the group`;
    case 'start':
      return `${c.signer} started the signed log${c.generation !== undefined ? ` at key ${c.generation}` : ''}`;
    case 'add':
      return `${c.signer} added ${who}`;
    case 'remove':
      return `${c.signer} removed ${who}`;
    case 'leave':
      return `${c.signer} left`;
    case 'promote':
      return `${c.signer} made ${who} admin`;
    case 'demote':
      return `${c.signer} took admin from ${who}`;
    case 'rotate': {
      const to = c.sealedTo?.length ? ` for ${c.sealedTo.join(', ')}` : '';
      return `${c.signer} replaced the group key${c.generation !== undefined ? ` (key ${c.generation})` : ''}${to}`;
    }
    case 'delete':
      return `${c.signer} deleted the group`;
    case 'rename':
      return `${c.signer} renamed the group to ${c.name ?? 'something'}`;
    case 'topic':
      return c.topic ? `${c.signer} set the topic: ${c.topic}` : `${c.signer} cleared the topic`;
    case 'dm':
      return `${c.signer} started this direct message with ${who}`;
  }
}
