import { call, callAnonymous, dataOf, refresher, takeAccessToken } from './http';
import { session } from './session';
import type { Comment, MemberProfile, MemberSummary, NumberedPage, Post, ScrollPage, SignupForm } from './types';

const PageSize = 10;
/** Follows are capped at 1,000 per member, so ten pages of 100 cover every following. */
const FollowingsPageSize = 100;

const paged = (path: string, page: number, size = PageSize): string =>
  `${path}${path.includes('?') ? '&' : '?'}page=${page}&size=${size}`;

export const auth = {
  async signup(form: SignupForm): Promise<void> {
    await callAnonymous('POST', '/api/authentication/signup', form);
  },

  async login(email: string, password: string): Promise<MemberSummary> {
    const response = await callAnonymous('POST', '/api/authentication/login', { email, password });
    takeAccessToken(response);
    const member = await dataOf<MemberSummary>(response);
    session.setMember(member);
    return member;
  },

  /** Restores a session from the refresh cookie after a page load (the access token was only in memory). */
  async restore(): Promise<boolean> {
    if ((await refresher.refresh()) !== 'refreshed') {
      return false;
    }
    session.setMember(await call<MemberSummary>('GET', '/api/members/summary'));
    return true;
  },

  async logout(): Promise<void> {
    await call<boolean>('POST', '/api/authentication/logout');
  },
};

export const members = {
  myProfile: () => call<MemberProfile>('GET', '/api/members/profile'),
  profileByHandle: (handle: string) => call<MemberProfile>('GET', `/api/members/profile/@${encodeURIComponent(handle)}`),
  follow: (id: number) => call<boolean>('POST', `/api/members/follow/${id}`),
  unfollow: (id: number) => call<boolean>('DELETE', `/api/members/follow/${id}`),
  recommendations: () => call<ScrollPage<MemberSummary>>('GET', paged('/api/members/follow/recommend/newbie', 0, 5)),

  async isFollowing(id: number): Promise<boolean> {
    for (let page = 0; ; page++) {
      const slice = await call<ScrollPage<MemberSummary>>('GET', paged('/api/members/followings/more', page, FollowingsPageSize));
      if (slice.content.some((m) => m.memberId === id)) {
        return true;
      }
      if (!slice.hasNext) {
        return false;
      }
    }
  },
};

export const posts = {
  get: (id: number) => call<Post>('GET', `/api/timeline/posts/${id}`),
  create: (title: string, content: string) => call<Post>('POST', '/api/posts', { title: title || null, content }),
  update: (id: number, title: string, content: string) => call<Post>('PUT', `/api/posts/${id}`, { title: title || null, content }),
  remove: (id: number) => call<boolean>('DELETE', `/api/posts/${id}`),
  like: (id: number) => call<boolean>('POST', `/api/posts/${id}/like`),
  unlike: (id: number) => call<boolean>('DELETE', `/api/posts/${id}/like`),
  followFeed: (page: number) => call<ScrollPage<Post>>('GET', paged('/api/timeline/posts/followings', page)),
  byAuthor: (authorId: number, page: number) => call<ScrollPage<Post>>('GET', paged(`/api/timeline/posts/authors/${authorId}`, page)),
};

export const comments = {
  ofPost: (postId: number, page: number) => call<ScrollPage<Comment>>('GET', paged(`/api/timeline/posts/${postId}/comments`, page)),
  replies: (id: number, page: number) => call<ScrollPage<Comment>>('GET', paged(`/api/timeline/comments/${id}/replies`, page)),
  add: (postId: number, content: string) => call<Comment>('POST', '/api/comments', { postId, content }),
  reply: (postId: number, parentId: number, content: string) =>
    call<Comment>('POST', '/api/comments/replies', { postId, parentId, content }),
  update: (id: number, content: string) => call<Comment>('PUT', `/api/comments/${id}`, { content }),
  remove: (id: number) => call<boolean>('DELETE', `/api/comments/${id}`),
  like: (id: number) => call<boolean>('POST', `/api/comments/${id}/like`),
  unlike: (id: number) => call<boolean>('DELETE', `/api/comments/${id}/like`),
};

export const search = {
  posts: (keyword: string, page: number) =>
    call<NumberedPage<Post>>('GET', paged(`/api/search/posts?keyword=${encodeURIComponent(keyword)}`, page)),
  comments: (keyword: string, page: number) =>
    call<NumberedPage<Comment>>('GET', paged(`/api/search/comments?keyword=${encodeURIComponent(keyword)}`, page)),
};

export const images = {
  /** Stores the picture, then saves it as the avatar (an upload alone changes no profile, as in the original). */
  async uploadAvatar(file: File): Promise<string> {
    const form = new FormData();
    form.append('image', file);
    const id = await call<string>('POST', '/api/images/upload/profile', form);
    const avatarUrl = `/api/images/view/${id}`;
    await call<MemberProfile>('PUT', '/api/members/profile', { avatarUrl });
    return avatarUrl;
  },
};
