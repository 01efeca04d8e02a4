// VS Code's globalState (a Memento) kept in a Map, for host code that keeps device-only state.
import type { KeptState } from '../../../extension/notification-settings';

export function keptStateInMemory(): KeptState & { readonly values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}
