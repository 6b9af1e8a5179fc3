import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { baseUrl, launchBrowser, memberNamed, newPage, publish, screenshot, signUp } from '../lib/app.mjs';

// Two members in separate browser contexts: Alice writes, Bob follows and reads.
const FeedPageSize = 10;
const OnePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const tag = `zephyr${Date.now().toString(36)}`;
const headline = `Hello from Alice ${tag}`;
let browser;
let alicePage;
let bobPage;
const alice = memberNamed('Alice');
const bob = memberNamed('Bob');

before(async () => {
  browser = await launchBrowser();
  alicePage = await newPage(browser);
  bobPage = await newPage(browser);
});
after(async () => browser?.close());

const feedItems = (page) => page.getByRole('list', { name: 'Posts from people you follow' }).getByRole('article');

test('Alice publishes; Bob follows her from her profile and his feed shows her posts, more on scroll', async () => {
  await signUp(alicePage, alice);
  for (let i = 1; i <= FeedPageSize; i++) {
    await publish(alicePage, `Post number ${i} ${tag}`);
  }
  await publish(alicePage, `${headline}, the newest post.`, 'Greetings');

  await signUp(bobPage, bob);
  await bobPage.getByText('Your feed is empty.').waitFor();
  await bobPage.goto(`/profile/@${alice.handle}`);
  const counts = bobPage.getByRole('list', { name: 'Follow counts' });
  await counts.getByText('0 followers', { exact: true }).waitFor();
  await bobPage.getByRole('button', { name: `Follow @${alice.handle}` }).click();
  await counts.getByText('1 follower', { exact: true }).waitFor();
  await bobPage.getByRole('button', { name: `Unfollow @${alice.handle}` }).waitFor();
  await screenshot(bobPage, 'profile');

  await bobPage.getByRole('link', { name: 'Feed', exact: true }).click();
  await feedItems(bobPage).first().getByText(headline).waitFor();
  await bobPage.getByRole('button', { name: 'Load more' }).waitFor();
  assert.equal(await feedItems(bobPage).count(), FeedPageSize);
  await screenshot(bobPage, 'feed');
  // An untitled post gets no made-up heading: its card reads author, time, text, then the actions.
  assert.equal(await bobPage.getByText('Untitled post').count(), 0);
  const untitled = feedItems(bobPage).filter({ hasText: `Post number ${FeedPageSize} ${tag}` });
  assert.equal(await untitled.getByRole('heading').count(), 0);
  await untitled.getByRole('link', { name: `${alice.name} @${alice.handle}` }).waitFor();
  await untitled.locator('time').filter({ hasText: /just now|min ago/ }).waitFor();
  await untitled.getByRole('button', { name: 'Like post (0 likes)' }).waitFor();

  await bobPage.mouse.wheel(0, 20_000);
  await bobPage.getByText('You are all caught up.').waitFor();
  assert.equal(await feedItems(bobPage).count(), FeedPageSize + 1);
  await feedItems(bobPage).last().getByText(`Post number 1 ${tag}`).waitFor();
});

test('Bob likes and comments, replies nest three levels deep across both members', async () => {
  await bobPage.mouse.wheel(0, -20_000);
  await feedItems(bobPage).first().getByRole('link', { name: 'Greetings' }).click();
  await bobPage.getByRole('heading', { level: 1, name: 'Greetings' }).waitFor();
  await bobPage.getByRole('button', { name: 'Like post (0 likes)' }).click();
  await bobPage.getByRole('button', { name: 'Unlike post (1 like)', pressed: true }).waitFor();

  await bobPage.getByLabel('Add a comment').fill('Great post, Alice!');
  await bobPage.getByRole('button', { name: 'Comment', exact: true }).click();
  const bobComment = bobPage.getByRole('article', { name: `Comment by @${bob.handle}` }).first();
  await bobComment.getByText('Great post, Alice!').waitFor();
  await bobComment.getByRole('button', { name: 'Reply', exact: true }).first().click();
  await bobPage.getByLabel(`Reply to @${bob.handle}`).fill('Replying to my own comment.');
  await bobPage.getByRole('button', { name: 'Reply', exact: true }).last().click();
  await bobPage.getByRole('list', { name: `Replies to @${bob.handle}` }).getByText('Replying to my own comment.').waitFor();

  await alicePage.goto(`/posts/${new URL(bobPage.url()).pathname.split('/').pop()}`);
  await alicePage.getByText('Great post, Alice!').waitFor();
  await alicePage.getByRole('button', { name: 'Show replies (1)' }).click();
  const reply = alicePage.getByRole('article').filter({ hasText: 'Replying to my own comment.' }).last();
  await reply.getByRole('button', { name: 'Reply', exact: true }).first().click();
  await alicePage.getByLabel(`Reply to @${bob.handle}`).fill('The third and deepest level.');
  await alicePage.getByRole('button', { name: 'Reply', exact: true }).last().click();
  const deepest = alicePage.getByRole('article', { name: `Comment by @${alice.handle}` }).filter({ hasText: 'The third and deepest level.' });
  await deepest.waitFor();
  // Depth 2 is the last level: it offers no reply.
  assert.equal(await deepest.getByRole('button', { name: 'Reply', exact: true }).count(), 0);
  await deepest.getByRole('button', { name: 'Like comment (0 likes)' }).click();
  await deepest.getByRole('button', { name: 'Unlike comment (1 like)' }).waitFor();
  await screenshot(alicePage, 'post-with-comments');
});

test('Alice edits her post and deletes another; the changes survive a reload', async () => {
  await alicePage.getByRole('button', { name: 'Edit', exact: true }).first().click();
  await alicePage.getByLabel('Content').fill(`${headline}, edited.`);
  await alicePage.getByRole('button', { name: 'Save' }).click();
  await alicePage.getByText(`${headline}, edited.`).waitFor();
  await alicePage.getByText('(edited)').waitFor();

  await alicePage.goto(`/profile/@${alice.handle}`);
  const doomed = alicePage.getByRole('article').filter({ hasText: `Post number 2 ${tag}` });
  await doomed.getByRole('button', { name: 'Delete' }).click();
  await doomed.getByRole('button', { name: 'Confirm delete' }).click();
  await doomed.waitFor({ state: 'detached' });

  await alicePage.reload();
  await alicePage.getByText(`${headline}, edited.`).waitFor();
  assert.equal(await alicePage.getByText(`Post number 2 ${tag}`).count(), 0);
});

test('search finds posts by a word in them and says when nothing matches', async () => {
  await bobPage.getByRole('link', { name: 'Search' }).click();
  await bobPage.getByLabel('Keyword').fill(headline);
  await bobPage.getByRole('button', { name: 'Search', exact: true }).click();
  await bobPage.waitForURL(/\/search\?q=/);
  await bobPage.getByRole('list', { name: 'Matching posts' }).getByText(`${headline}, edited.`).waitFor();
  await screenshot(bobPage, 'search');

  await bobPage.getByLabel('Keyword').fill(`nothing-like-${tag}-here`);
  await bobPage.getByRole('button', { name: 'Search', exact: true }).press('Enter');
  await bobPage.getByText('No posts match.').waitFor();
});

test('Alice uploads an avatar; a file that is not an image shows the gateway message', async () => {
  await alicePage.goto(`/profile/@${alice.handle}`);
  await alicePage.getByLabel('Image file').setInputFiles({ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await alicePage.getByRole('button', { name: 'Upload picture' }).click();
  await alicePage.getByRole('alert').filter({ hasText: 'The file is not a JPEG, PNG, GIF, BMP or WebP image.' }).waitFor();

  await alicePage.getByLabel('Image file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: OnePixelPng });
  await alicePage.getByRole('button', { name: 'Upload picture' }).click();
  const avatar = alicePage.getByRole('img', { name: `Profile picture of @${alice.handle}` });
  await avatar.waitFor();
  await alicePage.waitForFunction((img) => img.complete && img.naturalWidth === 1, await avatar.elementHandle());
});

test('Bob unfollows Alice and the count drops', async () => {
  await bobPage.goto(`/profile/@${alice.handle}`);
  await bobPage.getByRole('button', { name: `Unfollow @${alice.handle}` }).click();
  await bobPage.getByRole('list', { name: 'Follow counts' }).getByText('0 followers', { exact: true }).waitFor();
  await bobPage.getByRole('button', { name: `Follow @${alice.handle}` }).waitFor();
  assert.equal(new URL(bobPage.url()).origin, baseUrl);
});
