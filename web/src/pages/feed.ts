import { members, posts } from '../api/endpoints';
import type { MemberSummary, Post } from '../api/types';
import { field, h, plural } from '../dom';
import type { Page } from '../router';
import { infiniteList } from '../ui/infiniteList';
import { errorRegion, runAction, showError } from '../ui/messages';
import { postCard } from '../ui/postCard';

/** /: a compose form, the follow feed (infinite scroll) and members to follow. */
export const feedPage: Page = (main, _params, signal) => {
  document.title = 'Feed · Dailyfeed';
  const render = (post: Post): HTMLElement => {
    const card = postCard(post, { onDeleted: () => card.closest('li')?.remove() });
    return card;
  };
  const feed = infiniteList<Post>({
    label: 'Posts from people you follow',
    load: (page) => posts.followFeed(page),
    render,
    emptyText: 'Your feed is empty. Follow someone to see their posts here.',
    signal,
  });
  main.append(
    h('h1', { tabindex: -1 }, 'Your feed'),
    composeForm((post) => feed.prepend(post)),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'feed-heading' }, h('h2', { id: 'feed-heading', class: 'visually-hidden' }, 'Posts'), feed.element),
      h('div', {}, myCounts(signal), whoToFollow(signal))));
};

function myCounts(signal: AbortSignal): HTMLElement {
  const box = h('aside', { 'aria-labelledby': 'me-heading' }, h('h2', { id: 'me-heading' }, 'You'));
  const error = errorRegion();
  members.myProfile().then((me) => {
    if (!signal.aborted) {
      box.append(h('p', {}, h('a', { href: `/profile/@${me.handle}` }, me.displayName ?? me.memberName, ` @${me.handle}`)),
        h('p', { class: 'meta' }, `${plural(me.followersCount, 'follower')} · ${me.followingsCount} following`));
    }
  }, (e) => showError(error, e));
  box.append(error);
  return box;
}

function composeForm(created: (post: Post) => void): HTMLElement {
  const title = h('input', { name: 'title', maxlength: 200 });
  const content = h('textarea', { name: 'content', rows: 4, maxlength: 5000 });
  const error = errorRegion();
  const fields = h('fieldset', {}, h('legend', {}, 'New post'), field('Title (optional)', title), field('What is new?', content),
    h('button', { type: 'submit' }, 'Publish'));
  const form = h('form', { class: 'compose' }, fields, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(fields, error, async () => {
      created(await posts.create(title.value.trim(), content.value));
      form.reset();
    });
  });
  return form;
}

function whoToFollow(signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'people' });
  const error = errorRegion();
  members.recommendations().then((page) => {
    if (!signal.aborted) {
      list.append(...page.content.map((m) => h('li', {}, person(m))));
    }
  }, (e) => showError(error, e));
  return h('aside', { 'aria-labelledby': 'follow-heading' }, h('h2', { id: 'follow-heading' }, 'Who to follow'), list, error);
}

function person(member: MemberSummary): HTMLElement {
  const error = errorRegion();
  const follow = h('button', { type: 'button', 'aria-label': `Follow @${member.memberHandle}` }, 'Follow');
  follow.addEventListener('click', () => void runAction(follow, error, async () => {
    await members.follow(member.memberId);
    follow.replaceWith(h('span', { class: 'meta' }, 'Following'));
  }));
  return h('div', {}, h('a', { href: `/profile/@${member.memberHandle}` }, member.displayName ?? member.memberName, ` @${member.memberHandle}`), ' ', follow, error);
}
