import type { BenchOptions } from '../support/args';
import type { Recorder } from '../run';

export async function runClientSuite(_options: BenchOptions, _record: Recorder): Promise<void> {}
