// A table shown a page at a time, so 25,000 events or 10,000 steps never become 25,000 DOM rows.
import { clear, h } from './dom.ts';

export interface PagedTable<T> {
  readonly element: HTMLElement;
  /** Shows `items` (the whole list), staying on the current page while it still exists. */
  show(items: readonly T[]): void;
}

export interface PagedTableOptions<T> {
  /** `steps`: names the table (`data-steps`) and its pager (`data-pager="steps"`). */
  readonly noun: string;
  readonly headings: readonly string[];
  readonly row: (item: T) => HTMLTableRowElement;
  readonly pageSize?: number;
}

export function pagedTable<T>(options: PagedTableOptions<T>): PagedTable<T> {
  const pageSize = options.pageSize ?? 50;
  const element = h('div', { class: 'paged-table' });
  let items: readonly T[] = [];
  let page = 0;
  const render = (): void => {
    const pages = Math.max(1, Math.ceil(items.length / pageSize));
    page = Math.min(page, pages - 1);
    const first = page * pageSize;
    const last = Math.min(items.length, first + pageSize);
    const previous = h('button', { type: 'button', class: 'secondary small', disabled: page === 0 }, 'Previous');
    const next = h('button', { type: 'button', class: 'secondary small', disabled: page >= pages - 1 }, 'Next');
    previous.addEventListener('click', () => {
      page -= 1;
      render();
    });
    next.addEventListener('click', () => {
      page += 1;
      render();
    });
    const counts = items.length ? `${first + 1}–${last} of ${items.length} ${options.noun}` : `no ${options.noun} yet`;
    clear(
      element,
      h('div', { class: 'toolbar', 'data-pager': options.noun }, previous, next, h('span', { class: 'muted' }, counts)),
      h(
        'table',
        { class: 'table', [`data-${options.noun}`]: true },
        h('thead', {}, h('tr', {}, ...options.headings.map((title) => h('th', {}, title)))),
        h('tbody', {}, ...items.slice(first, last).map(options.row)),
      ),
    );
  };
  render();
  return {
    element,
    show(latest) {
      items = latest;
      render();
    },
  };
}
