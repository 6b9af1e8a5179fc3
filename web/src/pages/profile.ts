import { images, members, posts } from '../api/endpoints';
import { session } from '../api/session';
import type { MemberProfile, Post } from '../api/types';
import { field, h, plural, replaceChildren } from '../dom';
import type { Page } from '../router';
import { infiniteList } from '../ui/infiniteList';
import { errorRegion, InputError, runAction, showError } from '../ui/messages';
import { postCard } from '../ui/postCard';

/** /profile/@handle: who the member is, counts, follow or unfollow (or avatar upload on one's own), their posts. */
export const profilePage: Page = async (main, params, signal) => {
  const handle = params.handle.replace(/^@/, '');
  document.title = `@${handle} · Dailyfeed`;
  const error = errorRegion();
  const card = h('section', { class: 'profile', 'aria-labelledby': 'profile-heading' });
  main.append(card, error);
  try {
    const profile = await members.profileByHandle(handle);
    const isMe = session.member?.memberId === profile.id;
    const following = isMe ? false : await members.isFollowing(profile.id);
    if (signal.aborted) {
      return;
    }
    drawProfile(card, profile, isMe, following);
    const list = infiniteList<Post>({
      label: `Posts by @${profile.handle}`,
      load: (page) => posts.byAuthor(profile.id, page),
      render: (post) => {
        const item = postCard(post, { onDeleted: () => item.closest('li')?.remove() });
        return item;
      },
      emptyText: 'No posts yet.',
      signal,
    });
    main.append(h('h2', {}, 'Posts'), list.element);
  } catch (e) {
    card.append(h('h1', { id: 'profile-heading', tabindex: -1 }, `@${handle}`));
    showError(error, e);
  }
};

function drawProfile(card: HTMLElement, profile: MemberProfile, isMe: boolean, following: boolean): void {
  const error = errorRegion();
  const reload = async (nowFollowing: boolean): Promise<void> =>
    drawProfile(card, await members.profileByHandle(profile.handle), isMe, nowFollowing);
  const follow = h('button', { type: 'button', 'aria-pressed': String(following) }, following ? `Unfollow @${profile.handle}` : `Follow @${profile.handle}`);
  follow.addEventListener('click', () => void runAction(follow, error, async () => {
    await (following ? members.unfollow(profile.id) : members.follow(profile.id));
    await reload(!following);
    card.querySelector<HTMLButtonElement>('button[aria-pressed]')?.focus();
  }));
  replaceChildren(card,
    profile.avatarUrl
      ? h('img', { class: 'avatar', src: profile.avatarUrl, alt: `Profile picture of @${profile.handle}`, width: 96, height: 96 })
      : h('div', { class: 'avatar placeholder', 'aria-hidden': 'true' }, (profile.displayName ?? profile.memberName).slice(0, 1)),
    h('h1', { id: 'profile-heading', tabindex: -1 }, profile.displayName ?? profile.memberName, h('span', { class: 'handle' }, ` @${profile.handle}`)),
    profile.bio ? h('p', {}, profile.bio) : '',
    h('ul', { class: 'counts', 'aria-label': 'Follow counts' },
      h('li', {}, plural(profile.followersCount, 'follower')),
      h('li', {}, `${profile.followingsCount} following`)),
    isMe ? avatarForm(() => reload(false)) : follow,
    error);
}

function avatarForm(uploaded: () => Promise<void>): HTMLElement {
  const file = h('input', { type: 'file', name: 'image', accept: 'image/png,image/jpeg,image/gif,image/webp,image/bmp' });
  const error = errorRegion();
  const fields = h('fieldset', {}, h('legend', {}, 'Profile picture'), field('Image file', file), h('button', { type: 'submit' }, 'Upload picture'));
  const form = h('form', { class: 'avatar-form' }, fields, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(fields, error, async () => {
      const chosen = file.files?.[0];
      if (!chosen) {
        throw new InputError('Choose an image file first.');
      }
      await images.uploadAvatar(chosen);
      await uploaded();
    });
  });
  return form;
}
