import { summaryLine, tally } from './support/tally';

// A root-level hook: it runs once after every reliability suite, so the summary line is
// printed just before the reporter's "N passed, N failed" line, and a loss fails the run.
after(function printReliabilitySummary() {
  process.stdout.write(`\n${summaryLine()}\n`);
  if (tally.lost !== 0) throw new Error(`${tally.lost} acknowledged messages were lost.`);
});
