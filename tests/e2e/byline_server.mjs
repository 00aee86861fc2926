// Starts the real `byline serve --demo` on a free port for browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = process.env.BYLINE_BINARY ?? new URL('../../build/byline', import.meta.url).pathname;

// Adds staff accounts with `byline user add`, as an operator would.
function addUsers(dataDir, users) {
  for (const { email, name, role, password } of users) {
    const result = spawnSync(binary, ['user', 'add', '--data', dataDir, '--email', email, '--name', name,
      '--role', role, '--password-stdin'], { input: `${password}\n`, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`byline user add failed: ${result.stderr}`);
  }
}

// Adds an API key with `byline apikey add` and returns the key it printed.
export function addApiKey(dataDir, kind, name) {
  const result = spawnSync(binary, ['apikey', 'add', '--data', dataDir, '--kind', kind, '--name', name],
    { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`byline apikey add failed: ${result.stdout}${result.stderr}`);
  const key = result.stdout.match(/\n {2}([0-9a-f]{24}:[0-9a-f]{64}|[0-9a-f]{26})\n/);
  if (!key) throw new Error(`byline apikey add printed no key:\n${result.stdout}`);
  return key[1];
}

// Runs `byline serve --demo` on `dataDir`, with `args` after; resolves to
// { url, child } once it prints the address it serves.
async function serve(dataDir, args = []) {
  const child = spawn(binary, ['serve', '--demo', '--host', '127.0.0.1', '--port', '0', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`byline did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Byline is serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`byline exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

async function stopChild(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

// The demo site this build of byline made in the current quarter of an
// hour, made now when there is none. A fresh demo uploads and resizes its
// images, which takes seconds, and every test file starts a server on one;
// its relative times ("4 hours ago") read the same for most of an hour.
async function demoSiteTemplate() {
  const built = statSync(binary).mtimeMs;
  const build = createHash('sha256').update(`${binary}@${built}`).digest('hex').slice(0, 16);
  const quarter = Math.floor(Date.now() / (15 * 60 * 1000));
  const made = join(tmpdir(), `byline-demo-site-e2e-${build}-${quarter}`);
  if (existsSync(made)) return made;
  // Made aside and renamed into place: a test starting meanwhile never
  // copies half a site.
  const making = mkdtempSync(`${made}.making-`);
  const { child } = await serve(making);
  await stopChild(child);
  try {
    renameSync(making, made);
  } catch {
    rmSync(making, { recursive: true, force: true });  // another test's came first
  }
  // Sites of other builds and past quarters are of no more use; another
  // test may be removing one at the same moment.
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('byline-demo-site-e2e-')) continue;
    const path = join(tmpdir(), name);
    try {
      if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < hourAgo) {
        rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // Gone already.
    }
  }
  return made;
}

// Resolves to { url, dataDir, stop } once the server prints the address it
// serves, with the demo site. `users` are staff accounts to create first;
// `args` go to `byline serve` (`['--theme', folder]`).
export async function startByline({ users = [], args = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'byline-e2e-'));
  cpSync(await demoSiteTemplate(), dataDir, { recursive: true });
  addUsers(dataDir, users);
  const { url, child } = await serve(dataDir, args);
  return {
    url,
    dataDir,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
