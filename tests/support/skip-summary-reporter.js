/**
 * A jest reporter that ends a run with one line naming the tests skipped because an outside
 * component (Chromium, Redis) is absent, why, and the command that provides it. The blocks are
 * recorded by tests/support/components.ts in the folder this reporter names in DUTYHUB_SKIPS_DIR
 * (set before jest starts its workers, which inherit it); the tests are counted from jest's results.
 * Plain JavaScript: jest loads reporters with Node's require, before any transform.
 */
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const SKIPS_DIR_ENV = 'DUTYHUB_SKIPS_DIR';

/**
 * The closing line for skip records and the titles of the pending tests of each file:
 * `Skipped 14 tests needing Chromium (…; provide it: …), 3 needing Redis (…)`.
 */
function summaryLine(records, pendingByFile) {
  const byComponent = new Map();
  for (const record of records) {
    const entry = byComponent.get(record.component) ?? { tests: 0, reasons: new Set(), provide: record.provide };
    const pending = pendingByFile.get(record.file) ?? [];
    entry.tests += pending.filter((ancestors) => ancestors.includes(record.title)).length;
    entry.reasons.add(record.reason);
    byComponent.set(record.component, entry);
  }
  if (byComponent.size === 0) return undefined;
  const parts = [...byComponent].map(
    ([component, { tests, reasons, provide }]) =>
      `${tests} ${tests === 1 ? 'test' : 'tests'} needing ${component} (${[...reasons].join('; ')}; provide it: ${provide})`,
  );
  return `Skipped ${parts.join(', ')}`;
}

class SkipSummaryReporter {
  constructor(globalConfig) {
    this.watching = globalConfig.watch || globalConfig.watchAll;
    this.dir = mkdtempSync(path.join(tmpdir(), 'dutyhub-skips-'));
    process.env[SKIPS_DIR_ENV] = this.dir;
    process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
    this.pendingByFile = new Map();
  }

  onRunStart() {
    this.pendingByFile.clear();
  }

  onTestResult(test, result) {
    const pending = result.testResults.filter((each) => each.status === 'pending').map((each) => each.ancestorTitles);
    if (pending.length) this.pendingByFile.set(test.path, pending);
  }

  onRunComplete() {
    // Read and removed: a watch mode's next run records afresh.
    const records = readdirSync(this.dir).flatMap((name) => {
      const file = path.join(this.dir, name);
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      rmSync(file);
      return lines.map((line) => JSON.parse(line));
    });
    const line = summaryLine(records, this.pendingByFile);
    if (!line) return;
    // jest prints its own summary after every reporter's: this line goes last, as the process exits
    // (stderr is written synchronously then), or at once in watch mode, which does not exit.
    if (this.watching) process.stderr.write(`${line}\n`);
    else process.once('exit', () => process.stderr.write(`${line}\n`));
  }

  getLastError() {
    return undefined;
  }
}

module.exports = SkipSummaryReporter;
module.exports.summaryLine = summaryLine;
