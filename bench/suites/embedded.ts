import type { BenchOptions } from '../support/args';
import type { Recorder } from '../run';

export async function runEmbeddedSuite(_options: BenchOptions, _record: Recorder): Promise<void> {}
