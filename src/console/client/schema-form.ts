// The Start execution form, generated from the workflow's input JSON Schema: one field per top-level property
// (text, number, checkbox, select for enums, JSON for arrays and objects), or one JSON field when the schema has none.
// Server-side problem+json errors (`body.items[0].sku: must be string`) are shown at the field they name.
import { h } from './dom.ts';

interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

interface ObjectSchema {
  readonly type?: string;
  readonly properties?: Record<string, PropertySchema>;
  readonly required?: readonly string[];
}

export interface SchemaForm {
  readonly element: HTMLElement;
  /** The input the fields describe; throws an Error naming the field when a JSON field does not parse. */
  value(): unknown;
  /** Shows `detail` at the field it names (or above the fields); clears earlier errors. */
  showError(detail: string): void;
  clearErrors(): void;
}

const RAW = '$raw';

function kindOf(schema: PropertySchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum) return 'enum';
  return typeof type === 'string' ? type : 'json';
}

export function buildSchemaForm(schema: unknown): SchemaForm {
  const object = (typeof schema === 'object' && schema ? schema : {}) as ObjectSchema;
  const properties = object.properties && Object.keys(object.properties).length ? object.properties : undefined;
  const required = new Set(object.required ?? []);
  const fields = new Map<
    string,
    { input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; kind: string; error: HTMLElement }
  >();
  const general = h('p', { class: 'field-error', role: 'alert', 'data-error-for': '' });
  const element = h('div', { class: 'schema-form' }, general);

  const addField = (name: string, label: string, kind: string, property: PropertySchema): void => {
    const id = `field-${name.replace(/\W/g, '_')}`;
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const example = property.default ?? property.examples?.[0];
    if (kind === 'enum') {
      input = h(
        'select',
        { id, name },
        ...(property.enum ?? []).map((option) => h('option', { value: JSON.stringify(option) }, String(option))),
      );
    } else if (kind === 'boolean') {
      input = h('input', { id, name, type: 'checkbox', checked: example === true });
    } else if (kind === 'number' || kind === 'integer') {
      input = h('input', {
        id,
        name,
        type: 'number',
        step: kind === 'integer' ? 1 : 'any',
        value: typeof example === 'number' ? example : undefined,
      });
    } else if (kind === 'string') {
      input = h('input', { id, name, type: 'text', value: typeof example === 'string' ? example : undefined });
    } else {
      input = h('textarea', { id, name, rows: name === RAW ? 8 : 4, spellcheck: false, class: 'json-input' });
      input.value = example === undefined ? (name === RAW ? '{}' : '') : JSON.stringify(example, null, 2);
    }
    const error = h('p', { class: 'field-error', role: 'alert', 'data-error-for': name });
    fields.set(name, { input, kind, error });
    element.append(
      h(
        'div',
        { class: 'field', 'data-field': name },
        h(
          'label',
          { for: id },
          label,
          required.has(name) ? h('span', { class: 'required', title: 'required' }, ' *') : null,
          kind === 'json' && name !== RAW ? h('small', {}, ' (JSON)') : null,
        ),
        property.description ? h('small', { class: 'hint' }, property.description) : null,
        input,
        error,
      ),
    );
  };

  if (properties)
    for (const [name, property] of Object.entries(properties)) addField(name, name, kindOf(property), property);
  else addField(RAW, 'Input (JSON)', 'json', {});

  const parseJson = (name: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new FieldError(name, `${name === RAW ? 'body' : `body.${name}`}: not valid JSON`);
    }
  };

  return {
    element,
    value() {
      if (!properties) return parseJson(RAW, (fields.get(RAW)!.input as HTMLTextAreaElement).value);
      const input: Record<string, unknown> = {};
      for (const [name, field] of fields) {
        const raw = field.input;
        if (field.kind === 'boolean') input[name] = (raw as HTMLInputElement).checked;
        else if (raw.value === '' && !required.has(name)) continue;
        else if (field.kind === 'enum') input[name] = JSON.parse(raw.value);
        else if (field.kind === 'number' || field.kind === 'integer')
          input[name] = raw.value === '' ? undefined : Number(raw.value);
        else if (field.kind === 'string') input[name] = raw.value;
        else input[name] = raw.value === '' ? undefined : parseJson(name, raw.value);
      }
      return input;
    },
    showError(detail) {
      this.clearErrors();
      const field = fields.get(fieldNamed(detail) ?? RAW) ?? (properties ? undefined : fields.get(RAW));
      const target = field?.error ?? general;
      target.textContent = detail;
      field?.input.setAttribute('aria-invalid', 'true');
      field?.input.focus();
    },
    clearErrors() {
      general.textContent = '';
      for (const field of fields.values()) {
        field.error.textContent = '';
        field.input.removeAttribute('aria-invalid');
      }
    },
  };
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** `body.items[0].sku: must be string` -> `items`; `body.orderId: is required` -> `orderId` (the validator's paths). */
export function fieldNamed(detail: string): string | undefined {
  return /^body\.([A-Za-z0-9_$-]+)/.exec(detail)?.[1];
}
