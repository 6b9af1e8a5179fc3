import './styles.css';
import { auth } from './api/endpoints';
import { setSessionEndedHandler } from './api/http';
import { session } from './api/session';
import { feedPage } from './pages/feed';
import { loginPage } from './pages/login';
import { notFoundPage } from './pages/notFound';
import { postPage } from './pages/post';
import { profilePage } from './pages/profile';
import { searchPage } from './pages/search';
import { signupPage } from './pages/signup';
import { Router } from './router';
import { renderHeader } from './ui/header';

const main = document.getElementById('main')!;
const header = document.getElementById('site-header')!;

// After a page load the access token is gone (memory only): restore it once from the refresh cookie.
let restoring: Promise<boolean> | null = null;
const canEnter = async (): Promise<boolean> => {
  if (session.isSignedIn) {
    return true;
  }
  restoring ??= auth.restore().catch(() => false);
  const restored = await restoring;
  restoring = null;
  return restored;
};

const router = new Router(main, { canEnter, notFound: notFoundPage });
const navigate = (url: string): void => router.navigate(url);

setSessionEndedHandler(() => {
  const wasSignedIn = session.isSignedIn;
  session.clear();
  if (wasSignedIn) {
    session.notice = 'Your session has ended. Please log in again.';
  }
  if (location.pathname !== '/login') {
    router.navigate('/login', true);
  }
});

const logout = async (): Promise<void> => {
  try {
    await auth.logout();
  } finally {
    session.clear();
    session.notice = 'You have been logged out.';
    router.navigate('/login');
  }
};

session.onChange(() => renderHeader(header, () => void logout()));
renderHeader(header, () => void logout());

router
  .add('/login', loginPage(navigate), true)
  .add('/signup', signupPage(navigate), true)
  .add('/', feedPage)
  .add('/posts/:id', postPage(navigate))
  .add('/profile/:handle', profilePage)
  .add('/search', searchPage(navigate))
  .start();
