import type { TeamChatApp } from '../teamchat-app';
import type { CommandName } from './ids';

/**
 * One command: its name in ids.ts and what it does. An optional argument object lets the
 * panel, the groups view, other commands and tests skip the prompts ({ confirm: true } skips
 * a confirmation).
 */
export interface TeamChatCommand {
  name: CommandName;
  run(app: TeamChatApp, args?: unknown): Promise<unknown> | unknown;
}

export function argsOf<T extends object>(args: unknown): Partial<T> {
  return typeof args === 'object' && args !== null ? (args as Partial<T>) : {};
}

export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
