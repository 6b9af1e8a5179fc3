/** A page draws itself into `main`; `signal` aborts when the member navigates away, so late answers are dropped. */
export type Page = (main: HTMLElement, params: Record<string, string>, signal: AbortSignal) => Promise<void> | void;

interface Route {
  pattern: RegExp;
  keys: string[];
  page: Page;
  isPublic: boolean;
}

export interface RouterOptions {
  /** Called before a members-only page renders; returns false to send the visitor to /login. */
  canEnter: () => Promise<boolean>;
  notFound: Page;
}

/** History-API router: paths like /posts/:id, links intercepted so navigation keeps the in-memory session. */
export class Router {
  private readonly routes: Route[] = [];
  private current: AbortController | null = null;

  constructor(
    private readonly main: HTMLElement,
    private readonly options: RouterOptions,
  ) {}

  add(path: string, page: Page, isPublic = false): this {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ pattern: new RegExp(`^${source}/?$`), keys, page, isPublic });
    return this;
  }

  start(): void {
    window.addEventListener('popstate', () => void this.render());
    document.addEventListener('click', (event) => this.interceptLink(event));
    void this.render();
  }

  navigate(url: string, replace = false): void {
    if (replace) {
      history.replaceState(null, '', url);
    } else {
      history.pushState(null, '', url);
    }
    void this.render();
  }

  private interceptLink(event: MouseEvent): void {
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.origin !== location.origin || anchor.pathname.startsWith('/api/') ||
        event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    this.navigate(anchor.pathname + anchor.search);
  }

  private async render(): Promise<void> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const path = decodeURIComponent(location.pathname);
    const route = this.routes.find((r) => r.pattern.test(path));
    if (route && !route.isPublic && !(await this.options.canEnter())) {
      if (!controller.signal.aborted) {
        this.navigate('/login', true);
      }
      return;
    }
    if (controller.signal.aborted) {
      return;
    }
    const params: Record<string, string> = {};
    route?.pattern.exec(path)?.slice(1).forEach((value, i) => (params[route.keys[i]] = value));
    this.main.replaceChildren();
    window.scrollTo(0, 0);
    await (route?.page ?? this.options.notFound)(this.main, params, controller.signal);
    // Move focus to the new page's heading (for screen readers), unless the page focused a control itself.
    const focused = document.activeElement;
    if (!controller.signal.aborted && (focused === null || focused === document.body)) {
      this.main.querySelector<HTMLElement>('h1')?.focus();
    }
  }
}
