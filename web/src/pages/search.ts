import { search } from '../api/endpoints';
import type { Comment, Post } from '../api/types';
import { field, formatDate, h } from '../dom';
import type { Page } from '../router';
import { infiniteList } from '../ui/infiniteList';
import { postCard } from '../ui/postCard';

type Scope = 'posts' | 'comments';

/** /search?q=...&in=posts|comments: full-text search; the query lives in the URL so results can be shared. */
export function searchPage(navigate: (url: string) => void): Page {
  return (main, _params, signal) => {
    const query = new URLSearchParams(location.search);
    const keyword = query.get('q')?.trim() ?? '';
    const scope: Scope = query.get('in') === 'comments' ? 'comments' : 'posts';
    document.title = keyword ? `Search: ${keyword} · Dailyfeed` : 'Search · Dailyfeed';

    const input = h('input', { type: 'search', name: 'q', value: keyword, required: true });
    const scopes = h('fieldset', { class: 'inline' }, h('legend', {}, 'Search in'),
      ...(['posts', 'comments'] as const).map((s) => h('label', {},
        h('input', { type: 'radio', name: 'in', value: s, checked: s === scope }), s === 'posts' ? ' Posts' : ' Comments')));
    const form = h('form', { role: 'search' }, field('Keyword', input), scopes, h('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = (form.querySelector<HTMLInputElement>('input[name=in]:checked')?.value ?? 'posts') as Scope;
      navigate(`/search?q=${encodeURIComponent(input.value.trim())}&in=${chosen}`);
    });
    main.append(h('h1', { tabindex: -1 }, 'Search'), form);
    if (keyword) {
      main.append(h('h2', {}, `Results for “${keyword}”`), results(keyword, scope, signal));
    }
  };
}

function results(keyword: string, scope: Scope, signal: AbortSignal): HTMLElement {
  if (scope === 'comments') {
    return infiniteList<Comment>({
      label: 'Matching comments',
      load: (page) => search.comments(keyword, page),
      render: (c) => h('article', { class: 'comment' },
        h('p', { class: 'meta' }, `@${c.authorHandle} · `, h('time', { datetime: c.createdAt }, formatDate(c.createdAt))),
        h('p', { class: 'content' }, c.content),
        h('a', { href: `/posts/${c.postId}` }, 'View the post')),
      emptyText: 'No comments match.',
      signal,
    }).element;
  }
  return infiniteList<Post>({
    label: 'Matching posts',
    load: (page) => search.posts(keyword, page),
    render: (post) => {
      const card = postCard(post, { onDeleted: () => card.closest('li')?.remove() });
      return card;
    },
    emptyText: 'No posts match.',
    signal,
  }).element;
}
