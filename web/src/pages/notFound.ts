import { h } from '../dom';
import type { Page } from '../router';

export const notFoundPage: Page = (main) => {
  document.title = 'Not found · Dailyfeed';
  main.append(h('h1', { tabindex: -1 }, 'Page not found'), h('p', {}, 'There is nothing at this address. ', h('a', { href: '/' }, 'Go to your feed')));
};
