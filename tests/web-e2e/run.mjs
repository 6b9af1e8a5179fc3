// Runs the web client's end-to-end tests: starts the built gateway on a free 127.0.0.1 port with a temporary
// SQLite file and image directory, runs tests/*.test.mjs in headless Chromium, and always stops the gateway.
// Build first (dotnet build -c Release; the app itself is the committed Gateway.Api/wwwroot).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, stopGateway, tail } from './lib/gateway.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const configuration = process.env.E2E_CONFIGURATION ?? 'Release';
const gatewayDll = process.env.E2E_GATEWAY_DLL ?? join(repo, `Gateway.Api/bin/${configuration}/net10.0/Dailyfeed.Gateway.Api.dll`);
const batchDll = process.env.E2E_BATCH_DLL ?? join(repo, `Batch/bin/${configuration}/net10.0/Dailyfeed.Batch.dll`);
const testTimeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 600_000);

for (const dll of [gatewayDll, batchDll]) {
  if (!existsSync(dll)) {
    console.error(`${dll} is missing: run 'dotnet build -c ${configuration}' first.`);
    process.exit(1);
  }
}

// `node run.mjs social` runs only the test files whose names contain "social".
const only = process.argv.slice(2);
const started = Date.now();
const gateway = await startGateway({ gatewayDll, contentRoot: join(repo, 'Gateway.Api') });
console.log(`gateway ready on ${gateway.baseUrl} (data ${gateway.dataDir}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await stopGateway(gateway);
    process.exit(130);
  });
}

let code = 1;
try {
  const files = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort().map((f) => join(here, 'tests', f));
  code = await new Promise((resolveCode) => {
    // One file at a time: key rotations are global to the gateway, so tests must not overlap.
    const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: gateway.baseUrl,
        E2E_SILO_GATEWAY_PORT: String(gateway.siloGatewayPort),
        E2E_BATCH_DLL: batchDll,
        E2E_SCREENSHOTS: join(here, 'screenshots'),
      },
    });
    const timer = setTimeout(() => runner.kill('SIGKILL'), testTimeoutMs);
    runner.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      resolveCode(signal ? 1 : exitCode ?? 1);
    });
  });
} finally {
  if (code !== 0) {
    console.error(`--- gateway log tail (${gateway.logPath}) ---\n${tail(gateway.logPath)}`);
  }
  process.exitCode = code;
  // A failed run keeps its data directory (database, log) for a look.
  await stopGateway(gateway, { keepData: code !== 0 });
  console.log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${code}`);
}
