// The README promises that Debian 12's own Node.js (18.20) is enough: every
// package either lockfile installs must allow it. A release that needs a
// newer Node.js (playwright-core 1.62 and later do) fails here, whatever
// Node.js runs the tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const kDebianNode = [18, 20, 4];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseVersion(text) {
  const match = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(text.trim());
  if (!match) return null;
  return [1, 2, 3].map((i) => (match[i] === undefined || /[x*]/.test(match[i]) ? 0 : Number(match[i])));
}

function compare(a, b) {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// Whether `version` meets one comparator (">=18", "^14.17.0", "4.x", …);
// null for a form this check does not know, so that it never passes blindly.
function meets(version, comparator) {
  const match = /^(>=|<=|>|<|\^|~|=)?\s*(.+)$/.exec(comparator);
  const bound = match && parseVersion(match[2]);
  if (!bound) return null;
  const order = compare(version, bound);
  switch (match[1]) {
    case '>=': return order >= 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    case '<': return order < 0;
    case '^': return order >= 0 && version[0] === bound[0];
    case '~': return order >= 0 && version[0] === bound[0] && version[1] === bound[1];
    default: return match[2].includes('x') || match[2].split('.').length < 3
      ? version[0] === bound[0] : order === 0;
  }
}

function allows(range, version) {
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|<=|>|<|=)\s+/g, '$1').split(/\s+/);
    return comparators.every((comparator) => {
      const met = meets(version, comparator);
      assert.notEqual(met, null, `"${range}" is a range this check cannot read`);
      return met;
    });
  });
}

test('the range check reads the forms the lockfiles use', () => {
  assert.equal(allows('>=18', kDebianNode), true);
  assert.equal(allows('>= 10.18.1', kDebianNode), true);
  assert.equal(allows('>=20', kDebianNode), false);
  assert.equal(allows('^14.17.0 || ^16.13.0 || >=18.0.0', kDebianNode), true);
  assert.equal(allows('^20.0.0 || >=22', kDebianNode), false);
  assert.equal(allows('>=18.20.5', kDebianNode), false);
});

for (const lockfile of ['tests/e2e/package-lock.json', 'src/newsroom/editor/package-lock.json']) {
  test(`every package ${lockfile} installs allows Debian 12's Node.js 18.20`, () => {
    const { packages } = JSON.parse(readFileSync(path.join(root, lockfile), 'utf8'));
    const refused = Object.entries(packages)
      .filter(([, info]) => info.engines?.node && !allows(info.engines.node, kDebianNode))
      .map(([name, info]) => `${name || 'the project'} needs Node.js ${info.engines.node}`);
    assert.deepEqual(refused, []);
  });
}
