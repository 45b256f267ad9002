// Prints vitest's JSON report as one plain closing line: "tests: N passed, N failed", and says
// so when the run failed with every test passing (an unhandled error outside the tests).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
};
const skipped = report.numPendingTests + report.numTodoTests;
const unexplained = !report.success && report.numFailedTests === 0;
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
    (skipped > 0 ? `, ${skipped} skipped` : '') +
    (unexplained ? '; the run failed anyway: see "Unhandled Errors" above' : ''),
);
