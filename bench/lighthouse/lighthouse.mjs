// Runs Lighthouse (npm, with Debian's chromium) over Byline's reader pages,
// mobile and desktop, and writes the scores to RESULTS.md beside this file.
// Called by ./run, which installs the npm packages and finds the binary.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

// The browser tests' helper: `byline serve --demo` (BYLINE_BINARY) on a
// fresh copy of the demo site.
import { startByline } from '../../tests/e2e/byline_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.BYLINE_BINARY;
const pages = [
  ['front page', '/'],
  ['article', '/president-putin-russia-iran-having-strategic-ties/'],
  ['Persian front page', '/fa/'],
  ['Persian article', '/putin-rusiye-va-iran-ravabet-rahbordi/'],
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
// Lighthouse simulates its network but runs the page on this CPU: rounds,
// interleaved, give the median and the spread.
const rounds = Number(process.env.ROUNDS ?? 3);

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

const server = await startByline();
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const runs = new Map();  // "name|formFactor" -> summaries, one a round
try {
  for (let round = 1; round <= rounds; ++round) {
    for (const [name, path] of pages) {
      for (const [formFactor, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
        const result = await lighthouse(server.url + path, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
        const key = `${name}|${formFactor}`;
        if (!runs.has(key)) runs.set(key, { name, path, formFactor, summaries: [] });
        const one = summary(result.lhr);
        runs.get(key).summaries.push(one);
        console.log(`round ${round}, ${name} (${formFactor}): ${one.scores.join(' / ')}, LCP ${Math.round(one.lcp)} ms`);
      }
    }
  }
} finally {
  await chrome.kill();
  await server.stop();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// "1.66 s (1.60–1.71)": the median and the range over the rounds.
const spread = (values, format) =>
  `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [...runs.values()].map(({ name, path, formFactor, summaries }) => ({
  name, path, formFactor,
  scores: categories.map((_, i) => spread(summaries.map((one) => one.scores[i]), String)),
  lcp: spread(summaries.map((one) => one.lcp), seconds),
  fcp: spread(summaries.map((one) => one.fcp), seconds),
  cls: median(summaries.map((one) => one.cls)).toFixed(3),
  tbt: `${Math.round(median(summaries.map((one) => one.tbt)))} ms`,
  bytes: `${Math.round(median(summaries.map((one) => one.bytes)) / 1024)} KB`,
  failing: [...new Set(summaries.flatMap((one) => one.failing))],
}));

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
  `4G network, simulated); desktop is its desktop preset. ${rounds} rounds, interleaved: each figure is`,
  'the median, with the lowest and highest in brackets. Lighthouse simulates the network, so there',
  'is no baseline server; its scores are absolute.',
  '',
  '| page | form factor | performance | accessibility | best practices | SEO | LCP | FCP | CLS | TBT | bytes |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.name} (\`${row.path}\`) | ${row.formFactor} | ${row.scores.join(' | ')} | ` +
    `${row.lcp} | ${row.fcp} | ${row.cls} | ${row.tbt} | ${row.bytes} |`),
  '',
  '## Audits that did not pass in some round',
  '',
  ...(rows.some((row) => row.failing.length)
    ? rows.filter((row) => row.failing.length).flatMap((row) => [`- ${row.name}, ${row.formFactor}:`,
      ...row.failing.map((line) => `  - ${line}`)])
    : ['None.']),
  '',
];
writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
console.log(`Wrote ${join(here, 'RESULTS.md')}`);
