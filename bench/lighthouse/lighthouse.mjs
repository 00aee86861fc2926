// Runs Lighthouse (npm, with Debian's chromium) over Byline's reader pages,
// mobile and desktop, and writes the scores to RESULTS.md beside this file.
// Called by ./run, which installs the npm packages and finds the binary.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.BYLINE_BINARY;
const pages = [
  ['front page', '/'],
  ['article', '/president-putin-russia-iran-having-strategic-ties/'],
  ['Persian article', '/putin-rusiye-va-iran-ravabet-rahbordi/'],
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

// `byline serve --demo` on a fresh data directory; resolves to its address.
function startByline(dataDir) {
  const child = spawn(binary, ['serve', '--demo', '--host', '127.0.0.1', '--port', '0', '--data', dataDir,
    '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`byline did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Byline is serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`byline exited with ${code}:\n${output}`)));
  });
}

// What a report says: the four scores, the timings that matter, and every
// audit outside performance that did not pass.
function summary(lhr) {
  const score = (id) => Math.round(lhr.categories[id].score * 100);
  const audit = (id) => lhr.audits[id];
  const failing = [];
  for (const id of categories) {
    for (const ref of lhr.categories[id].auditRefs) {
      const result = audit(ref.id);
      if (ref.weight > 0 && result.score !== null && result.score < 1) failing.push(`${id}: ${ref.id} (${result.title})`);
    }
  }
  return {
    scores: categories.map(score),
    lcp: audit('largest-contentful-paint').numericValue,
    fcp: audit('first-contentful-paint').numericValue,
    cls: audit('cumulative-layout-shift').numericValue,
    tbt: audit('total-blocking-time').numericValue,
    bytes: audit('total-byte-weight').numericValue,
    failing,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'byline-lighthouse-'));
const { url, child } = await startByline(dataDir);
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const rows = [];
try {
  for (const [name, path] of pages) {
    for (const [formFactor, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
      const result = await lighthouse(url + path, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
      rows.push({ name, path, formFactor, ...summary(result.lhr) });
      console.log(`${name} (${formFactor}): ${rows.at(-1).scores.join(' / ')}, LCP ${Math.round(rows.at(-1).lcp)} ms`);
    }
  }
} finally {
  await chrome.kill();
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

// Debian's chromium wrapper complains on stderr when only asked its version.
const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const commit = execFileSync('git', ['-C', here, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const { version } = JSON.parse(execFileSync('npm', ['ls', 'lighthouse', '--json', '--prefix', here], { encoding: 'utf8' }))
  .dependencies.lighthouse;
const lines = [
  '# Lighthouse',
  '',
  `Written by \`bench/lighthouse/run\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
  `Lighthouse ${version} with ${chromium}, Byline at ${commit} (\`${binary.replace(/.*\/(build[^/]*\/)/, '$1')}\`)`,
  'serving the demo site on 127.0.0.1. Mobile is Lighthouse\'s default (a mid-range phone on a slow',
  '4G network, simulated); desktop is its desktop preset.',
  '',
  '| page | form factor | performance | accessibility | best practices | SEO | LCP | FCP | CLS | TBT | bytes |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.name} (\`${row.path}\`) | ${row.formFactor} | ${row.scores.join(' | ')} | ` +
    `${(row.lcp / 1000).toFixed(2)} s | ${(row.fcp / 1000).toFixed(2)} s | ${row.cls.toFixed(3)} | ` +
    `${Math.round(row.tbt)} ms | ${Math.round(row.bytes / 1024)} KB |`),
  '',
  '## Audits that did not pass',
  '',
  ...(rows.some((row) => row.failing.length)
    ? rows.filter((row) => row.failing.length).flatMap((row) => [`- ${row.name}, ${row.formFactor}:`,
      ...row.failing.map((line) => `  - ${line}`)])
    : ['None.']),
  '',
];
writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
console.log(`Wrote ${join(here, 'RESULTS.md')}`);
