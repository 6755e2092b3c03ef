// One modal for the console's questions (the API token, "stop this execution?"), built on <dialog>.
import { h } from './dom.ts';

export interface DialogRequest {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  /** Ask for a value as well; the answer is the value (else the empty string on confirm). */
  readonly input?: 'password' | 'text';
}

/** The value entered (or '' when there is no input) on confirm, null on cancel. */
export function askDialog(request: DialogRequest): Promise<string | null> {
  return new Promise((resolve) => {
    const field = request.input
      ? h('input', {
          type: request.input,
          name: 'value',
          autocomplete: 'off',
          required: true,
          'aria-label': request.title,
        })
      : undefined;
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', {}, request.title),
      h('p', {}, request.text),
      field,
      h(
        'div',
        { class: 'dialog-buttons' },
        h(
          'button',
          { type: 'button', value: 'cancel', class: 'secondary', onclick: () => dialog.close('cancel') },
          'Cancel',
        ),
        h('button', { type: 'submit', value: 'confirm', class: 'primary' }, request.confirm),
      ),
    );
    const dialog = h('dialog', { class: 'ask', 'data-dialog': request.title }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm' ? (field?.value ?? '') : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    field?.focus();
  });
}
