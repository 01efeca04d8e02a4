import type { TeamChatApp } from '../teamchat-app';
import type { CommandName } from './ids';

/** One command: its name in ids.ts and what it does. Arguments let tests and other commands skip prompts. */
export interface TeamChatCommand {
  name: CommandName;
  run(app: TeamChatApp, ...args: unknown[]): unknown;
}
