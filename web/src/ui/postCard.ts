import { posts } from '../api/endpoints';
import { session } from '../api/session';
import type { Post } from '../api/types';
import { field, formatDate, h, plural, replaceChildren } from '../dom';
import { confirmButton } from './confirmButton';
import { likeButton } from './likeButton';
import { errorRegion, runAction } from './messages';

export interface PostCardOptions {
  /** On the post's own page the title is the page heading and there is no "comments" link. */
  standalone?: boolean;
  onDeleted: () => void;
}

/** One post: author, title, content, like toggle, comment count; edit and delete for its author. */
export function postCard(post: Post, options: PostCardOptions): HTMLElement {
  const card = h('article', { class: 'post', 'aria-labelledby': `post-${post.id}-title` });
  const draw = (): void => replaceChildren(card, ...view(post, options, () => replaceChildren(card, editor(post, draw))));
  draw();
  return card;
}

function view(post: Post, options: PostCardOptions, edit: () => void): HTMLElement[] {
  const error = errorRegion();
  const heading = options.standalone
    ? h('h1', { id: `post-${post.id}-title`, tabindex: -1 }, post.title || 'Post')
    : h('h2', { id: `post-${post.id}-title` }, h('a', { href: `/posts/${post.id}` }, post.title || 'Untitled post'));
  const author = post.authorHandle
    ? h('a', { href: `/profile/@${post.authorHandle}` }, post.authorName ?? post.authorHandle, ` @${post.authorHandle}`)
    : `member ${post.authorId}`;
  const mine = session.member?.memberId === post.authorId;
  const actions = h('div', { class: 'actions' },
    likeButton(post, 'post', () => posts.like(post.id), () => posts.unlike(post.id), error),
    options.standalone
      ? h('span', {}, plural(post.commentCount, 'comment'))
      : h('a', { href: `/posts/${post.id}` }, plural(post.commentCount, 'comment')),
    mine && h('button', { type: 'button', class: 'secondary', onclick: edit }, 'Edit'),
    mine && confirmButton('Delete', error, async () => {
      await posts.remove(post.id);
      options.onDeleted();
    }));
  return [
    heading,
    h('p', { class: 'meta' }, author, ' · ', h('time', { datetime: post.createdAt }, formatDate(post.createdAt)),
      post.updatedAt !== post.createdAt ? ' (edited)' : '', ` · ${plural(post.viewCount, 'view')}`),
    h('p', { class: 'content' }, post.content),
    actions,
    error,
  ];
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
