import { posts } from '../api/endpoints';
import { session } from '../api/session';
import type { Post } from '../api/types';
import { field, formatDate, formatRelative, h, plural, replaceChildren } from '../dom';
import { confirmButton } from './confirmButton';
import { likeButton } from './likeButton';
import { errorRegion, runAction } from './messages';

export interface PostCardOptions {
  /** On the post's own page the title is the page heading and there is no "comments" link. */
  standalone?: boolean;
  onDeleted: () => void;
}

/**
 * One post as social apps show it: who wrote it and when (linking to the post), the title only when it has one, the
 * text, then the actions (like, comments, and edit and delete for its author).
 */
export function postCard(post: Post, options: PostCardOptions): HTMLElement {
  const card = h('article', { class: 'post' });
  const draw = (): void => {
    label(card, post, options);
    replaceChildren(card, ...view(post, options, () => replaceChildren(card, editor(post, draw))));
  };
  draw();
  return card;
}

/** A titled post is named by its title; an untitled one by its author, so every card still has a name. */
function label(card: HTMLElement, post: Post, options: PostCardOptions): void {
  card.removeAttribute('aria-label');
  card.removeAttribute('aria-labelledby');
  if (post.title || options.standalone) {
    card.setAttribute('aria-labelledby', `post-${post.id}-title`);
  } else {
    card.setAttribute('aria-label', `Post by ${authorName(post)}`);
  }
}

function authorName(post: Post): string {
  return post.authorName || (post.authorHandle ? `@${post.authorHandle}` : `member ${post.authorId}`);
}

function view(post: Post, options: PostCardOptions, edit: () => void): HTMLElement[] {
  const error = errorRegion();
  const title = options.standalone
    ? h('h1', { id: `post-${post.id}-title`, tabindex: -1 }, post.title || `Post by ${authorName(post)}`)
    : post.title && h('h2', { id: `post-${post.id}-title` }, h('a', { href: `/posts/${post.id}` }, post.title));
  const author = post.authorHandle
    ? h('a', { class: 'author', href: `/profile/@${post.authorHandle}` }, authorName(post), h('span', { class: 'handle' }, ` @${post.authorHandle}`))
    : h('span', { class: 'author' }, authorName(post));
  const time = h('time', { datetime: post.createdAt, title: formatDate(post.createdAt) }, formatRelative(post.createdAt));
  const byline = h('p', { class: 'byline' }, author, ' · ',
    options.standalone ? time : h('a', { href: `/posts/${post.id}`, class: 'permalink' }, time),
    post.updatedAt !== post.createdAt ? ' (edited)' : '');
  const mine = session.member?.memberId === post.authorId;
  const actions = h('div', { class: 'actions' },
    likeButton(post, 'post', () => posts.like(post.id), () => posts.unlike(post.id), error),
    options.standalone
      ? h('span', {}, plural(post.commentCount, 'comment'))
      : h('a', { href: `/posts/${post.id}` }, plural(post.commentCount, 'comment')),
    h('span', { class: 'meta' }, plural(post.viewCount, 'view')),
    mine && h('button', { type: 'button', class: 'secondary', onclick: edit }, 'Edit'),
    mine && confirmButton('Delete', error, async () => {
      await posts.remove(post.id);
      options.onDeleted();
    }));
  return [byline, title || null, h('p', { class: 'content' }, post.content), actions, error].filter((e): e is HTMLElement => e !== null);
}

function editor(post: Post, done: () => void): HTMLElement {
  const title = h('input', { name: 'title', maxlength: 200, value: post.title ?? '' });
  const content = h('textarea', { name: 'content', rows: 5, maxlength: 5000, required: true });
  content.value = post.content;
  const error = errorRegion();
  const fields = h('fieldset', {}, h('legend', {}, 'Edit post'), field('Title', title), field('Content', content),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: done }, 'Cancel')));
  const form = h('form', { class: 'editor' }, fields, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(fields, error, async () => {
      Object.assign(post, await posts.update(post.id, title.value.trim(), content.value));
      done();
    });
  });
  queueMicrotask(() => content.focus());
  return form;
}
