// Starts the real `ioc serve` binary on a fresh SQLite data directory with the demo data.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(E2E_DIR, '..');
// The web app as scripts/build-release.sh staged it (IOC_WEB_DIR), else the xtask's output.
export const DIST = process.env.IOC_WEB_DIR || path.join(REPO, 'frontend', 'dist');
export const ARTIFACTS = path.join(E2E_DIR, 'artifacts');

export function binaryPath() {
  if (process.env.IOC_BIN) return process.env.IOC_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
  return path.join(target, 'debug', 'ioc');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Servers still running when the test process exits (a crash, a cancelled run) are killed.
const running = new Set();
process.on('exit', () => {
  for (const pid of running) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
});

/**
 * Starts a server; returns { base, stop(), logs() }.
 * Each call gets its own port, data directory and JWT secret.
 */
export async function startServer() {
  const bin = binaryPath();
  if (!existsSync(bin)) {
    throw new Error(`server binary not found at ${bin} (set IOC_BIN or CARGO_TARGET_DIR, or run scripts/test.sh, which builds them)`);
  }
  // The lead may be rebuilding the SPA (dist is deleted then recreated): wait a little.
  const index = path.join(DIST, 'index.html');
  for (let i = 0; i < 120 && !existsSync(path.join(DIST, 'pkg')); i++) await sleep(1000);
  if (!existsSync(index)) {
    throw new Error(`${index} is missing: run scripts/test.sh, which builds them`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ioc-e2e-'));
  const secret = crypto.randomBytes(36).toString('base64url').slice(0, 48);
  const child = spawn(bin, ['serve'], {
    env: {
      ...process.env,
      IOC_DATA_DIR: dataDir,
      IOC_BIND: `127.0.0.1:${port}`,
      IOC_STATIC_DIR: DIST,
      IOC_DEMO_ON_FIRST_RUN: 'true',
      IOC_JWT_SECRET: secret,
      RUST_LOG: 'warn',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d) => { output = (output + d.toString()).slice(-20000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  running.add(child.pid);
  child.on('exit', (code, signal) => { exited = { code, signal }; running.delete(child.pid); });

  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`ioc serve exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`ioc serve not ready at ${base}/readyz within 60 s:\n${output}`);
    }
    await sleep(250);
  }
  return { base, stop, logs: () => output };
}
