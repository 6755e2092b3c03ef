// Client-side routing over /ui/... paths: deep links load the same shell, in-app links move without a reload.
import { h } from './dom.ts';
import { executionPage } from './pages/execution.ts';
import { errorBox } from './pages/shared.ts';
import { workflowPage } from './pages/workflow.ts';
import { workflowsPage } from './pages/workflows.ts';

/** Moves to an API-shaped path (`/workflows/x`) inside the console. */
export type Navigate = (apiPath: string) => void;

const decode = decodeURIComponent;

export function startRouter(main: HTMLElement): void {
  let leave: (() => void) | undefined;
  const navigate: Navigate = (apiPath) => {
    history.pushState(null, '', `/ui${apiPath}`);
    void render();
  };
  const render = async (): Promise<void> => {
    leave?.();
    leave = undefined;
    main.setAttribute('aria-busy', 'true');
    const path = location.pathname.replace(/^\/ui/, '').replace(/\/+$/, '');
    const parts = path.split('/').filter(Boolean).map(decode);
    try {
      if (parts.length <= 1 && (parts[0] ?? 'workflows') === 'workflows') await workflowsPage(main);
      else if (parts[0] === 'workflows' && parts.length === 2) leave = await workflowPage(main, parts[1]!, navigate);
      else if (parts[0] === 'workflows' && parts.length === 4 && parts[2] === 'executions')
        leave = await executionPage(main, parts[1]!, parts[3]!);
      else main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, `No console page at ${location.pathname}.`));
    } catch (error) {
      main.replaceChildren(h('h1', {}, 'Something went wrong'), errorBox(error));
    } finally {
      main.removeAttribute('aria-busy');
    }
  };
  document.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a[data-link]');
    if (!anchor || (event as MouseEvent).ctrlKey || (event as MouseEvent).metaKey) return;
    event.preventDefault();
    navigate((anchor.getAttribute('href') ?? '/ui').replace(/^\/ui/, ''));
  });
  window.addEventListener('popstate', () => void render());
  void render();
}
