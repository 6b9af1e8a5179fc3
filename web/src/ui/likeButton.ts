import { h, plural } from '../dom';
import { runAction } from './messages';

export interface Likeable {
  liked: boolean;
  likeCount: number;
}

/** A toggle button (aria-pressed) showing the like count; calls like or unlike and keeps the count in step. */
export function likeButton(target: Likeable, what: string, like: () => Promise<unknown>, unlike: () => Promise<unknown>, error: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'like' });
  const draw = (): void => {
    button.setAttribute('aria-pressed', String(target.liked));
    button.setAttribute('aria-label', `${target.liked ? 'Unlike' : 'Like'} ${what} (${plural(target.likeCount, 'like')})`);
    button.textContent = `${target.liked ? '♥' : '♡'} ${target.likeCount}`;
  };
  button.addEventListener('click', () =>
    void runAction(button, error, async () => {
      await (target.liked ? unlike() : like());
      target.likeCount += target.liked ? -1 : 1;
      target.liked = !target.liked;
      draw();
    }));
  draw();
  return button;
}
