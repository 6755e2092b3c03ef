// JSONata expressions built from references: jsonata`$sum(${input.items}.price)` renders
// `{% $sum($states.input.items.price) %}`, so a misspelt field is a compile error instead of a runtime null.
import { DslError } from './dsl-error.ts';
import { isRef, renderJsonataPath, type Ref, VALUE_TYPE } from './refs.ts';

export const EXPRESSION: unique symbol = Symbol.for('stepforge.jsonata');

export type ExpressionPart = string | number | boolean | null | Ref<unknown> | Expression<unknown>;

export interface Expression<T> {
  readonly [EXPRESSION]: { readonly strings: readonly string[]; readonly values: readonly ExpressionPart[] };
  readonly [VALUE_TYPE]?: T;
}

export function isExpression(value: unknown): value is Expression<unknown> {
  return typeof value === 'object' && value !== null && EXPRESSION in value;
}

/** A JSONata expression; interpolated references and nested expressions are rendered in place, literals as JSON. */
export function jsonata<T = unknown>(strings: TemplateStringsArray, ...values: ExpressionPart[]): Expression<T> {
  return { [EXPRESSION]: { strings: [...strings], values } };
}

function renderPart(part: ExpressionPart): string {
  if (isRef(part)) return renderJsonataPath(part);
  if (isExpression(part)) return `(${renderExpressionBody(part)})`;
  if (part === null || ['string', 'number', 'boolean'].includes(typeof part)) return JSON.stringify(part);
  throw new DslError('a JSONata expression can interpolate only literals, references and expressions');
}

export function renderExpressionBody(expression: Expression<unknown>): string {
  const { strings, values } = expression[EXPRESSION];
  return strings.reduce(
    (text, piece, index) => text + piece + (index < values.length ? renderPart(values[index]) : ''),
    '',
  );
}

/** The `{% ... %}` string ASL stores. */
export function renderExpression(expression: Expression<unknown>): string {
  return `{% ${renderExpressionBody(expression).trim()} %}`;
}
