// A JSON value as a collapsible, copyable block.
import { h } from './dom.ts';

export function jsonBlock(label: string, value: unknown, open = true): HTMLDetailsElement {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  const copy = h('button', { type: 'button', class: 'copy secondary', title: `copy ${label}` }, 'Copy');
  copy.addEventListener('click', (event) => {
    event.preventDefault();
    void navigator.clipboard?.writeText(text).then(
      () => (copy.textContent = 'Copied'),
      () => (copy.textContent = 'Copy failed'),
    );
  });
  return h('details', { class: 'json', open, 'data-json': label }, h('summary', {}, label, copy), h('pre', {}, text));
}
