import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { baseUrl, captureAccessTokens, eventually, launchBrowser, memberNamed, newPage, Password, screenshot, signUp, statusWithToken } from '../lib/app.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

test('signup shows the gateway message for a weak password, then signs the member in', async () => {
  const page = await newPage(browser);
  const member = memberNamed('Ada');
  await page.goto('/signup');
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill('weak');
  await page.getByLabel('Name', { exact: true }).fill(member.name);
  await page.getByLabel('Handle').fill(member.handle);
  await page.getByRole('button', { name: 'Sign up' }).click();

  await page.getByRole('alert').filter({ hasText: 'password must be 8-50 characters' }).waitFor();
  assert.equal(page.url(), `${baseUrl}/signup`);

  await page.getByLabel('Password').fill(Password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Your feed' }).waitFor();
  await page.getByRole('button', { name: `Log out @${member.handle}` }).waitFor();
});

test('login: a wrong password shows the message, the right one opens the feed, a reload keeps the session', async () => {
  const page = await newPage(browser);
  const member = memberNamed('Grace');
  await signUp(page, member);
  await page.getByRole('button', { name: `Log out @${member.handle}` }).click();
  await page.waitForURL(`${baseUrl}/login`);

  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill('Wrong#Password1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
  await screenshot(page, 'login');

  await page.getByLabel('Password').fill(Password);
  await page.getByRole('button', { name: 'Log in' }).press('Enter');
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Your feed' }).waitFor();

  // The access token was only in memory: the app restores it from the HttpOnly refresh cookie.
  await page.reload();
  await page.getByRole('heading', { name: 'Your feed' }).waitFor();
  assert.equal(page.url(), `${baseUrl}/`);
});

test('members-only pages send a visitor without a session to /login', async () => {
  const page = await newPage(browser);
  await page.goto('/search');
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByRole('heading', { name: 'Log in to Dailyfeed' }).waitFor();
});

test('logout: the app lands on /login and the old access token is refused', async () => {
  const page = await newPage(browser);
  const tokens = captureAccessTokens(page);
  const member = memberNamed('Linus');
  await signUp(page, member);
  const token = tokens.at(-1);
  assert.ok(token, 'the login answer carried an access token');
  assert.equal((await statusWithToken(token)).status, 200);

  await page.getByRole('button', { name: `Log out @${member.handle}` }).click();
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByText('You have been logged out.').waitFor();

  await eventually(async () => (await statusWithToken(token)).status === 401, 'the logged-out token to be refused');
  assert.equal((await statusWithToken(token)).relogin, 'true');

  // The refresh cookie is gone too: a members-only page goes back to /login.
  await page.goto('/');
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByRole('heading', { name: 'Log in to Dailyfeed' }).waitFor();
});
