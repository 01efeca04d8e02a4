import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Counts Argon2id derivations in this process by wrapping @node-rs/argon2's hashRaw, which
 * common/crypto's deriveMasterKey calls (the compiled import reads the export at call time).
 */
export class Argon2Counter {
  count = 0;
  private readonly module: { hashRaw: (...args: unknown[]) => Promise<Buffer> };
  private readonly original: (...args: unknown[]) => Promise<Buffer>;

  constructor() {
    const require = createRequire(path.resolve(__dirname, '..', '..', 'package.json'));
    this.module = require('@node-rs/argon2');
    this.original = this.module.hashRaw;
    this.module.hashRaw = (...args: unknown[]) => {
      this.count += 1;
      return this.original(...args);
    };
  }

  restore(): void {
    this.module.hashRaw = this.original;
  }
}
