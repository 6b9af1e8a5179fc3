// Shapes of the gateway's JSON (camelCase), as Gateway.Api and Grains.Abstractions define them.

export interface SuccessEnvelope<T> {
  status: number;
  result: 'SUCCESS';
  data: T;
}

export interface ErrorEnvelope {
  statusCode: number;
  resultCode: 'FAIL';
  message: string;
  path: string;
  code: string;
}

/** Scroll page: { content, page, size, hasNext }. */
export interface ScrollPage<T> {
  content: T[];
  page: number;
  size: number;
  hasNext: boolean;
}

/** Numbered page (search results). */
export interface NumberedPage<T> extends ScrollPage<T> {
  totalElements: number;
  totalPages: number;
}

export interface MemberSummary {
  memberId: number;
  memberName: string;
  memberHandle: string;
  displayName: string | null;
  verificationStatus: string;
  avatarUrl: string | null;
  updatedAt: string;
}

export interface MemberProfile {
  id: number;
  email: string;
  memberName: string;
  handle: string;
  displayName: string | null;
  bio: string | null;
  location: string | null;
  websiteUrl: string | null;
  avatarUrl: string | null;
  verificationStatus: string;
  followersCount: number;
  followingsCount: number;
  createdAt: string;
}

export interface Post {
  id: number;
  title: string | null;
  content: string;
  authorId: number;
  authorName: string | null;
  authorHandle: string | null;
  authorAvatarUrl: string | null;
  viewCount: number;
  likeCount: number;
  commentCount: number;
  liked: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Comment {
  id: number;
  postId: number;
  parentId: number | null;
  depth: number;
  content: string;
  authorId: number;
  authorName: string | null;
  authorHandle: string | null;
  authorAvatarUrl: string | null;
  likeCount: number;
  liked: boolean;
  replyCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SignupForm {
  email: string;
  password: string;
  memberName: string;
  handle: string;
  displayName?: string;
}
