// Helpers the tests share: a browser, members who sign up through the UI, screenshots, the Batch CLI.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const baseUrl = process.env.E2E_BASE_URL;
const screenshots = process.env.E2E_SCREENSHOTS;
const siloGatewayPort = process.env.E2E_SILO_GATEWAY_PORT;
const batchDll = process.env.E2E_BATCH_DLL;
export const Password = 'Secret#2024';
const StepTimeoutMs = 15_000;

if (!baseUrl) {
  throw new Error('E2E_BASE_URL is not set: run the tests with `npm test` (run.mjs starts the gateway).');
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page in a fresh browser context (its own cookies: one member each). */
export async function newPage(browser) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(StepTimeoutMs);
  return context.newPage();
}

let sequence = 0;

/** A unique member: handle and email differ per run, so tests never collide. */
export function memberNamed(name) {
  const suffix = `${Date.now().toString(36)}${(++sequence).toString(36)}`;
  const handle = `${name.toLowerCase()}_${suffix}`;
  return { name, handle, email: `${handle}@example.test` };
}

/** Signs a member up through the signup page; the app logs them in and shows their feed. */
export async function signUp(page, member) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(Password);
  await page.getByLabel('Name', { exact: true }).fill(member.name);
  await page.getByLabel('Handle').fill(member.handle);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Your feed' }).waitFor();
}

/** The access token the gateway issued in a response's Authorization header (login or refresh). */
export function captureAccessTokens(page) {
  const tokens = [];
  page.on('response', async (response) => {
    const header = await response.headerValue('authorization');
    if (header?.startsWith('Bearer ')) {
      tokens.push(header.slice('Bearer '.length));
    }
  });
  return tokens;
}

export async function publish(page, content, title = '') {
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByLabel('What is new?').fill(content);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('article').filter({ hasText: content }).first().waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Asks the gateway directly (outside the browser) what it says to a token. */
export async function statusWithToken(token) {
  const response = await fetch(`${baseUrl}/api/members/summary`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, relogin: response.headers.get('x-relogin-required'), refresh: response.headers.get('x-token-refresh-needed') };
}

/** Polls until `check` returns true (no fixed sleeps): fails after the timeout. */
export async function eventually(check, description, timeoutMs = StepTimeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${description}`);
}

/** `Batch rotate-keys` against the embedded gateway's silo (Dailyfeed:Batch:Store=Sqlite, its silo gateway port). */
export async function rotateKeys() {
  const { stdout } = await promisify(execFile)('dotnet', [batchDll, 'rotate-keys'], {
    env: { ...process.env, Dailyfeed__Batch__Store: 'Sqlite', Dailyfeed__Silo__GatewayPort: siloGatewayPort },
    timeout: 60_000,
  });
  return stdout;
}
