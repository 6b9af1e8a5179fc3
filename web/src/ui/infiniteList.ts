import type { ScrollPage } from '../api/types';
import { h } from '../dom';
import { errorRegion, runAction } from './messages';

export interface InfiniteListOptions<T> {
  label: string;
  load: (page: number) => Promise<ScrollPage<T>>;
  render: (item: T) => HTMLElement;
  emptyText: string;
  /** Said when the last page has loaded; nested lists (replies) pass ''. */
  endText?: string;
  signal: AbortSignal;
}

/**
 * A list that loads its next page when its end scrolls into view. A "Load more" button does the same for keyboard
 * and screen-reader users; a polite status line says when loading or at the end.
 */
export function infiniteList<T>(options: InfiniteListOptions<T>): { element: HTMLElement; prepend: (item: T) => void } {
  const list = h('ul', { class: 'items', 'aria-label': options.label });
  const status = h('p', { class: 'status', role: 'status' });
  const error = errorRegion();
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  let nextPage = 0;
  let loading = false;
  let finished = false;

  const loadNext = async (): Promise<void> => {
    if (loading || finished || options.signal.aborted) {
      return;
    }
    loading = true;
    status.textContent = 'Loading…';
    await runAction(more, error, async () => {
      const page = await options.load(nextPage);
      if (options.signal.aborted) {
        return;
      }
      for (const item of page.content) {
        list.append(h('li', {}, options.render(item)));
      }
      nextPage += 1;
      finished = !page.hasNext;
    });
    loading = false;
    more.hidden = finished;
    status.textContent = finished ? (list.childElementCount === 0 ? options.emptyText : options.endText ?? 'You are all caught up.') : '';
    if (!finished && isVisible(sentinel)) {
      void loadNext();
    }
  };

  more.addEventListener('click', () => void loadNext());
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      void loadNext();
    }
  });
  observer.observe(sentinel);
  options.signal.addEventListener('abort', () => observer.disconnect());
  void loadNext();

  return {
    element: h('section', { class: 'infinite' }, list, error, status, more, sentinel),
    prepend: (item: T) => {
      list.prepend(h('li', {}, options.render(item)));
      if (status.textContent === options.emptyText) {
        status.textContent = '';
      }
    },
  };
}

function isVisible(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.top < window.innerHeight && box.bottom >= 0 && element.isConnected;
}
