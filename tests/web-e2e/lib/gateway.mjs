// Starts the built gateway (embedded default) on 127.0.0.1 with its own SQLite file and image directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ReadyTimeoutMs = 90_000;
const StopTimeoutMs = 10_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Settings the e2e needs: no key grace (a rotated key stops verifying at once, so the next request gets
 * 401 + X-Token-Refresh-Needed) and a short key re-read interval, so a rotation takes effect within a poll or two.
 */
function gatewayEnvironment(dataDir, siloGatewayPort) {
  return {
    Dailyfeed__Gateway__Mode: 'Embedded',
    // Warnings and errors only, so a failed run's log tail says what went wrong.
    Logging__LogLevel__Default: 'Warning',
    Dailyfeed__Sqlite__DataSource: join(dataDir, 'dailyfeed.db'),
    Dailyfeed__Images__StoragePath: join(dataDir, 'images'),
    Dailyfeed__Silo__ListenAddress: '127.0.0.1',
    Dailyfeed__Silo__Port: '0',
    // Fixed (not 0) so the Batch CLI, a separate Orleans client, can dial the embedded silo.
    Dailyfeed__Silo__GatewayPort: String(siloGatewayPort),
    Dailyfeed__Authentication__KeyGracePeriod: '00:00:00',
    Dailyfeed__Jwt__KeyRefreshInterval: '00:00:00.200',
  };
}

export async function startGateway({ gatewayDll, contentRoot }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dailyfeed-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const siloGatewayPort = await freePort();
  const environment = gatewayEnvironment(dataDir, siloGatewayPort);
  const logPath = join(dataDir, 'gateway.log');
  const log = openSync(logPath, 'a');
  const child = spawn('dotnet', [gatewayDll, '--contentRoot', contentRoot, '--urls', baseUrl], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const gateway = { baseUrl, dataDir, sqlitePath: environment.Dailyfeed__Sqlite__DataSource, siloGatewayPort, logPath, child, exited };
  try {
    await waitUntilReady(baseUrl, exited);
  } catch (error) {
    await stopGateway(gateway, { keepData: true });
    throw new Error(`${error.message}\n--- gateway log (${logPath}) ---\n${tail(logPath)}`);
  }
  return gateway;
}

async function waitUntilReady(baseUrl, exited) {
  let hasExited = false;
  exited.then(() => (hasExited = true));
  const deadline = Date.now() + ReadyTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error('The gateway exited before it was ready.');
    }
    try {
      const response = await fetch(`${baseUrl}/healthcheck/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The gateway was not ready within ${ReadyTimeoutMs / 1000} s.`);
}

/** Stops the gateway: SIGTERM (graceful), SIGKILL if it has not exited within the bound. */
export async function stopGateway(gateway, { keepData = false } = {}) {
  if (gateway.child.exitCode === null && gateway.child.signalCode === null) {
    gateway.child.kill('SIGTERM');
    const timer = setTimeout(() => gateway.child.kill('SIGKILL'), StopTimeoutMs);
    await gateway.exited;
    clearTimeout(timer);
  }
  if (!keepData) {
    rmSync(gateway.dataDir, { recursive: true, force: true });
  }
}

export function tail(path, lines = 30) {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
