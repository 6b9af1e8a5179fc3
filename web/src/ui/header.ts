import { session } from '../api/session';
import { h, replaceChildren } from '../dom';

/** The site header: brand, main navigation and the logout button for a signed-in member. */
export function renderHeader(header: HTMLElement, logout: () => void): void {
  const member = session.member;
  const signedIn = session.isSignedIn && member !== null;
  const nav = signedIn
    ? h('ul', {},
      h('li', {}, h('a', { href: '/' }, 'Feed')),
      h('li', {}, h('a', { href: '/search' }, 'Search')),
      h('li', {}, h('a', { href: `/profile/@${member.memberHandle}` }, 'My profile')),
      h('li', {}, h('button', { type: 'button', class: 'secondary', onclick: logout }, `Log out @${member.memberHandle}`)))
    : h('ul', {},
      h('li', {}, h('a', { href: '/login' }, 'Log in')),
      h('li', {}, h('a', { href: '/signup' }, 'Sign up')));
  replaceChildren(header, h('a', { href: '/', class: 'brand' }, 'Dailyfeed'), h('nav', { 'aria-label': 'Main' }, nav));
}
