// The shared-diff commands, for the one list in commands/index.ts.
import type { TeamChatCommand } from '../commands/command';
import { applySharedDiff } from './apply-shared-diff';
import { openSharedDiff } from './open-shared-diff';
import { shareChanges } from './share-changes';

export const DIFF_COMMANDS: readonly TeamChatCommand[] = [shareChanges, openSharedDiff, applySharedDiff];
