import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { baseUrl, captureAccessTokens, eventually, launchBrowser, memberNamed, newPage, rotateKeys, screenshot, signUp, statusWithToken } from '../lib/app.mjs';

// The gateway runs with no key grace period: once the rotation is read, tokens of the old key get
// 401 + X-Token-Refresh-Needed (refresh cookie valid) or 401 + X-Relogin-Required (no refresh cookie).
let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** Rotates the signing keys with the Batch CLI and waits (polling) until the gateway refuses `token`. */
async function rotateAndWaitUntilRefused(token) {
  assert.equal((await statusWithToken(token)).status, 200, 'the token works before the rotation');
  await rotateKeys();
  await eventually(async () => (await statusWithToken(token)).status === 401, 'the gateway to refuse the old key');
}

/** Counts calls to the refresh endpoint and 401s that asked for one. */
function watchRefreshes(page) {
  const seen = { refreshCalls: 0, refreshNeeded401s: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/token/refresh') {
      seen.refreshCalls += 1;
    }
  });
  page.on('response', (response) => {
    if (response.status() === 401 && response.headers()['x-token-refresh-needed'] === 'true') {
      seen.refreshNeeded401s += 1;
    }
  });
  return seen;
}

test('after a forced key rotation the next page refreshes once, transparently, for several failing requests', async () => {
  const page = await newPage(browser);
  const tokens = captureAccessTokens(page);
  const member = memberNamed('Rita');
  await signUp(page, member);
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('heading', { level: 1, name: `${member.name} @${member.handle}` }).waitFor();
  const oldToken = tokens.at(-1);

  await rotateAndWaitUntilRefused(oldToken);
  const seen = watchRefreshes(page);
  const trace = [];
  page.on('response', (r) => trace.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()} refresh-needed=${r.headers()['x-token-refresh-needed'] ?? '-'} relogin=${r.headers()['x-relogin-required'] ?? '-'}`));
  page.on('console', (m) => trace.push(`console: ${m.text()}`));
  try {
    // The feed loads three things at once (posts, the member's counts, who to follow): all three fail with the old key.
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    await page.getByText('Your feed is empty.').waitFor();
    await page.getByText('0 followers · 0 following').waitFor();
    await page.getByRole('heading', { name: 'Who to follow' }).waitFor();
    assert.equal(page.url(), `${baseUrl}/`);
    assert.equal(await page.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, 'no error is shown');
    assert.ok(seen.refreshNeeded401s >= 2, `several requests failed at once (saw ${seen.refreshNeeded401s})`);
    assert.equal(seen.refreshCalls, 1, 'exactly one refresh for all of them');

    const newToken = tokens.at(-1);
    assert.notEqual(newToken, oldToken);
    assert.equal((await statusWithToken(newToken)).status, 200, 'the refreshed token is signed by the new key');

    // The new token keeps working: no further refresh.
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: `${member.name} @${member.handle}` }).waitFor();
    assert.equal(seen.refreshCalls, 1);
  } catch (error) {
    await screenshot(page, 'failure-key-rotation');
    console.log(`url ${page.url()}\n${trace.join('\n')}`);
    throw error;
  }
});

test('without a refresh cookie, the refused token sends the member to /login with a message', async () => {
  const page = await newPage(browser);
  const tokens = captureAccessTokens(page);
  const member = memberNamed('Sam');
  await signUp(page, member);
  await page.context().clearCookies();

  await rotateAndWaitUntilRefused(tokens.at(-1));
  const seen = watchRefreshes(page);

  await page.getByRole('link', { name: 'My profile' }).click();
  await page.waitForURL(`${baseUrl}/login`);
  await page.getByText('Your session has ended. Please log in again.').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).waitFor();
  assert.equal(seen.refreshCalls, 0, 'X-Relogin-Required needs no refresh attempt');
});

test('a stale 401 + X-Relogin-Required, answering a request sent before the refresh finished, is replayed instead of logging out', async () => {
  const page = await newPage(browser);
  const tokens = captureAccessTokens(page);
  const member = memberNamed('Uma');
  await signUp(page, member);
  await page.getByRole('link', { name: 'My profile' }).click();
  await page.getByRole('heading', { level: 1, name: `${member.name} @${member.handle}` }).waitFor();

  await rotateAndWaitUntilRefused(tokens.at(-1));
  const seen = watchRefreshes(page);
  const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/token/refresh' && r.status() === 200);
  // The feed's profile request is held until the refresh its siblings caused has finished, then answered as a gateway
  // that judged the pre-rotation cookie would have answered it: 401 + X-Relogin-Required.
  const profileTokens = [];
  await page.route((url) => url.pathname === '/api/members/profile', async (route) => {
    profileTokens.push(route.request().headers().authorization);
    if (profileTokens.length > 1) {
      await route.continue();
      return;
    }
    await refreshed;
    await route.fulfill({
      status: 401,
      headers: { 'X-Relogin-Required': 'true' },
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 401, resultCode: 'FAIL', code: 'REFRESH_TOKEN_INVALID', message: 'Please log in again.', path: '/api/members/profile' }),
    });
  });

  try {
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    await page.getByText('0 followers · 0 following').waitFor();
    assert.equal(page.url(), `${baseUrl}/`, 'still signed in');
    assert.equal(profileTokens.length, 2, 'the stale answer was replayed once');
    assert.notEqual(profileTokens[1], profileTokens[0], 'the replay carried the refreshed token');
    assert.equal(profileTokens[1], `Bearer ${tokens.at(-1)}`);
    assert.equal(seen.refreshCalls, 1, 'one refresh, no second one for the replay');
  } catch (error) {
    await screenshot(page, 'failure-stale-relogin');
    throw error;
  }
});
