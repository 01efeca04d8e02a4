// A group's name and topic as an admin types them: trimmed, and checked by the rules every
// group log link is checked by, so a bad one is refused with a sentence before anything is signed.

import { GROUP_NAME_PATTERN, GROUP_TOPIC_PATTERN, MAX_GROUP_NAME_CHARS, MAX_GROUP_TOPIC_CHARS } from '../../common/api';
import { InvalidGroupTextError } from '../errors';

const GROUP_NAME = new RegExp(GROUP_NAME_PATTERN, 'u');
const GROUP_TOPIC = new RegExp(GROUP_TOPIC_PATTERN, 'u');

/** Why a group may not have this name (for an input box), or undefined if it may. */
export function groupNameProblem(text: string): string | undefined {
  const name = text.trim();
  return name.length <= MAX_GROUP_NAME_CHARS && GROUP_NAME.test(name)
    ? undefined : `A group name is 1 to ${MAX_GROUP_NAME_CHARS} characters with something visible in it, and no control or bidi characters.`;
}

/** Why a group may not have this topic, or undefined if it may ("" is no topic). */
export function groupTopicProblem(text: string): string | undefined {
  const topic = text.trim();
  return topic.length <= MAX_GROUP_TOPIC_CHARS && GROUP_TOPIC.test(topic)
    ? undefined : `A topic is one line of at most ${MAX_GROUP_TOPIC_CHARS} characters, with no control, bidi or line break characters.`;
}

export function groupNameOf(text: string): string {
  const problem = groupNameProblem(text);
  if (problem) throw new InvalidGroupTextError(problem);
  return text.trim();
}

export function groupTopicOf(text: string): string {
  const problem = groupTopicProblem(text);
  if (problem) throw new InvalidGroupTextError(problem);
  return text.trim();
}
