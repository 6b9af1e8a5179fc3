import { posts } from '../api/endpoints';
import { h } from '../dom';
import type { Page } from '../router';
import { commentThread } from '../ui/commentThread';
import { errorRegion, showError } from '../ui/messages';
import { postCard } from '../ui/postCard';

/** /posts/:id: the post, then its comments and replies. */
export function postPage(navigate: (url: string) => void): Page {
  return async (main, params, signal) => {
    document.title = 'Post · Dailyfeed';
    const error = errorRegion();
    main.append(error);
    try {
      const post = await posts.get(Number(params.id));
      if (signal.aborted) {
        return;
      }
      document.title = `${post.title || 'Post'} · Dailyfeed`;
      main.append(
        postCard(post, { standalone: true, onDeleted: () => navigate('/') }),
        commentThread(post.id, signal));
    } catch (e) {
      main.prepend(h('h1', { tabindex: -1 }, 'Post unavailable'));
      showError(error, e);
    }
  };
}
