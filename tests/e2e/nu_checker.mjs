// The Nu HTML Checker (the W3C validator's engine: vnu.jar from npm, run
// with Debian's Java), for the tests that check pages are valid HTML.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const vnuJar = createRequire(import.meta.url)('vnu-jar');

// Runs vnu.jar once over every file; returns its messages.
export function validate(files) {
  const result = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `vnu.jar could not run: ${result.error ?? result.stderr}`);
  // The JSON report goes to stderr.
  return JSON.parse(result.stderr).messages;
}

// The errors among `messages` as readable lines, each file named by
// `names` (file path -> page name).
export function errorsIn(messages, names) {
  return messages
    .filter((message) => message.type === 'error' || message.subType === 'fatal')
    .map((message) => `${names[message.url.replace('file:', '')] ?? message.url}:${message.lastLine}: ${message.message}` +
      (message.extract ? `\n    ${message.extract.replace(/\n/g, ' ')}` : ''));
}
