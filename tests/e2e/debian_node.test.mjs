// The README promises that Debian 12's own Node.js (18.20) is enough: every
// package either lockfile installs must allow it. A release that needs a
// newer Node.js (playwright-core 1.62 and later do) fails here, whatever
// Node.js runs the tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const kDebianNode = '18.20.4';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

for (const lockfile of ['tests/e2e/package-lock.json', 'src/newsroom/editor/package-lock.json']) {
  test(`every package ${lockfile} installs allows Debian 12's Node.js 18.20`, () => {
    const { packages } = JSON.parse(readFileSync(path.join(root, lockfile), 'utf8'));
    const refused = Object.entries(packages)
      .filter(([, info]) => info.engines?.node && !semver.satisfies(kDebianNode, info.engines.node))
      .map(([name, info]) => `${name || 'the project'} needs Node.js ${info.engines.node}`);
    assert.deepEqual(refused, []);
  });
}
