// The suite's one summary line is built from these counters: every part of the suite
// adds to them, and the root hook in summary.test.ts prints them and fails on a loss.
export interface Tally {
  requests: number;
  badInputCases: number;
  faults: number;
  acknowledged: number;
  lost: number;
}

export const tally: Tally = { requests: 0, badInputCases: 0, faults: 0, acknowledged: 0, lost: 0 };

export function summaryLine(t: Tally = tally): string {
  return `reliability: ${t.requests} requests, ${t.badInputCases} bad-input cases, ${t.faults} faults, ${t.acknowledged} acknowledged, ${t.lost} lost`;
}
