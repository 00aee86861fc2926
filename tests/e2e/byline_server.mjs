// Starts the real `byline serve --demo` on a free port for browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

// Resolves to { url, dataDir, stop } once the server prints the address it
// serves. `users` are staff accounts to create first.
export async function startByline({ users = [] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'byline-e2e-'));
  addUsers(dataDir, users);
  const child = spawn(binary, ['serve', '--demo', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], {
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
  return {
    url,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
