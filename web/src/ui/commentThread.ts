import { comments } from '../api/endpoints';
import { session } from '../api/session';
import type { Comment } from '../api/types';
import { field, formatDate, h, replaceChildren } from '../dom';
import { confirmButton } from './confirmButton';
import { infiniteList } from './infiniteList';
import { likeButton } from './likeButton';
import { errorRegion, runAction } from './messages';

/** Comments are three levels deep: depth 0 answers the post, depths 1 and 2 are replies. */
const MaxDepth = 2;

/** The comment section of a post: a form for a new comment, then the comments with their replies. */
export function commentThread(postId: number, signal: AbortSignal): HTMLElement {
  const list = infiniteList<Comment>({
    label: 'Comments',
    load: (page) => comments.ofPost(postId, page),
    render: (comment) => commentItem(comment, signal),
    emptyText: 'No comments yet.',
    endText: '',
    signal,
  });
  const form = textForm('Add a comment', 'Comment', async (content) => list.prepend(await comments.add(postId, content)));
  return h('section', { class: 'comments', 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, 'Comments'), form, list.element);
}

function commentItem(comment: Comment, signal: AbortSignal): HTMLElement {
  const item = h('article', { class: `comment depth-${comment.depth}`, 'aria-label': `Comment by @${comment.authorHandle}` });
  const replies = h('div', { class: 'replies' });
  const body = h('div');
  const error = errorRegion();
  let repliesShown = false;

  const showReplies = (): void => {
    if (repliesShown) {
      return;
    }
    repliesShown = true;
    replaceChildren(replies, infiniteList<Comment>({
      label: `Replies to @${comment.authorHandle}`,
      load: (page) => comments.replies(comment.id, page),
      render: (reply) => commentItem(reply, signal),
      emptyText: 'No replies yet.',
      endText: '',
      signal,
    }).element);
  };

  const draw = (): void => {
    const mine = session.member?.memberId === comment.authorId;
    const replyForm = h('div', { class: 'reply-form' });
    replaceChildren(body,
      h('p', { class: 'meta' }, h('a', { href: `/profile/@${comment.authorHandle}` }, comment.authorName ?? '', ` @${comment.authorHandle}`),
        ' · ', h('time', { datetime: comment.createdAt }, formatDate(comment.createdAt))),
      h('p', { class: 'content' }, comment.content),
      h('div', { class: 'actions' },
        likeButton(comment, 'comment', () => comments.like(comment.id), () => comments.unlike(comment.id), error),
        comment.depth < MaxDepth && h('button', { type: 'button', class: 'secondary', onclick: () => openReply(replyForm) }, 'Reply'),
        comment.replyCount > 0 && !repliesShown &&
          h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => { (e.currentTarget as HTMLElement).remove(); showReplies(); } },
            `Show replies (${comment.replyCount})`),
        mine && h('button', { type: 'button', class: 'secondary', onclick: edit }, 'Edit'),
        mine && confirmButton('Delete', error, async () => {
          await comments.remove(comment.id);
          item.replaceChildren(h('p', { class: 'meta' }, 'Comment deleted.'));
        })),
      error,
      replyForm);
  };

  const openReply = (container: HTMLElement): void => {
    replaceChildren(container, textForm(`Reply to @${comment.authorHandle}`, 'Reply', async (content) => {
      const reply = await comments.reply(comment.postId, comment.id, content);
      comment.replyCount += 1;
      container.replaceChildren();
      if (repliesShown) {
        replies.querySelector('ul')?.append(h('li', {}, commentItem(reply, signal)));
      } else {
        showReplies();
      }
    }));
    container.querySelector('textarea')?.focus();
  };

  const edit = (): void => {
    replaceChildren(body, textForm('Edit comment', 'Save', async (content) => {
      Object.assign(comment, await comments.update(comment.id, content));
      draw();
    }, comment.content, draw));
  };

  draw();
  item.append(body, replies);
  return item;
}

/** A one-textarea form: label, submit button, optional cancel; shows the envelope's message on failure. */
function textForm(label: string, submitLabel: string, submit: (content: string) => Promise<void>, initial = '', cancel?: () => void): HTMLFormElement {
  const content = h('textarea', { name: 'content', rows: 3, maxlength: 1000, required: true });
  content.value = initial;
  const error = errorRegion();
  const fields = h('fieldset', {}, field(label, content),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, submitLabel),
      cancel && h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel')));
  const form = h('form', { class: 'text-form' }, fields, error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runAction(fields, error, async () => {
      await submit(content.value);
      content.value = '';
    });
  });
  return form;
}
