import { isJsonObject, type JsonObject, type JsonValue } from '../asl/json.ts';
import { buildModel, type Scope, type StateNode } from '../asl/model.ts';

const MAX_LABEL = 48;
const INVISIBLE = '\u200B';

/**
 * Text for inside a label's double quotes that reads the same whether Mermaid draws HTML labels (its default) or SVG
 * text (`htmlLabels: false`), which decodes only `&amp;`, `&lt;` and `&gt;` and shows `#quot;` as `&quot;`
 * (mermaid-js/mermaid#7015). A raw `"` would end the string, so it is written `'` (JSONata reads both alike);
 * `&`, `<`, `>` are written as the three entity codes both paths decode (raw, `<b>` would be a tag). What Mermaid would
 * read as markup gets an invisible U+200B: `#word;` (an entity code), `$$` (KaTeX), `\n` (a line break) and a leading
 * backtick (a Markdown string).
 */
function escapeLabel(text: string): string {
  const short = text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
  return short
    .replace(/\s+/g, ' ')
    .replace(/#(?=\w+;)/g, `#${INVISIBLE}`)
    .replace(/\$(?=\$)/g, `$${INVISIBLE}`)
    .replace(/\\(?=n)/gi, `\\${INVISIBLE}`)
    .replace(/^`/, `${INVISIBLE}\``)
    .replace(/"/g, "'")
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

const COMPARISON =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$|^Is(Present|Null|Numeric|String|Boolean|Timestamp)$/;

/** A Choice rule in a few words: the JSONata Condition, or `Variable Operator value`, And/Or/Not spelled out. */
export function describeRule(rule: JsonValue): string {
  if (!isJsonObject(rule)) return '?';
  const condition = rule.Condition;
  if (condition !== undefined)
    return typeof condition === 'string' ? condition.replace(/^\s*\{%\s*|\s*%\}\s*$/g, '') : JSON.stringify(condition);
  for (const combinator of ['And', 'Or'] as const) {
    const parts = rule[combinator];
    if (Array.isArray(parts))
      return parts.map((part) => `(${describeRule(part)})`).join(` ${combinator.toLowerCase()} `);
  }
  if (rule.Not !== undefined) return `not (${describeRule(rule.Not)})`;
  const operator = Object.keys(rule).find((key) => COMPARISON.test(key));
  if (!operator) return '?';
  return `${String(rule.Variable ?? '')} ${operator} ${JSON.stringify(rule[operator])}`;
}

/** An arrow with its label; an empty one (Mermaid refuses `|""|`, e.g. a Catch of no errors) is left off. */
function arrow(kind: '-->' | '-.->', label: string): string {
  const text = escapeLabel(label);
  return text.trim() === '' ? kind : `${kind}|"${text}"|`;
}

function errorsOf(catcher: JsonObject): string {
  return Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.join(', ') : 'error';
}

class MermaidWriter {
  private readonly ids = new Map<string, string>();
  private readonly lines: string[] = ['flowchart TD', '  start_((start))', '  end_((end))'];

  constructor(private readonly states: readonly StateNode[]) {
    for (const [index, node] of states.entries()) this.ids.set(node.path, `s${index}`);
  }

  private id(node: StateNode): string {
    return this.ids.get(node.path)!;
  }

  private shape(node: StateNode): string {
    const label = escapeLabel(node.name);
    switch (node.definition.Type) {
      case 'Choice':
        return `{"${label}"}`;
      case 'Succeed':
      case 'Fail':
        return `(["${label}"])`;
      case 'Wait':
        return `[/"${label}"/]`;
      default:
        return `["${label}"]`;
    }
  }

  /** Declares a scope's states (Parallel and Map as subgraphs holding their own scopes), indented by depth. */
  declare(scope: Scope, depth: number): void {
    const pad = '  '.repeat(depth);
    for (const node of scope.states.values()) {
      const type = node.definition.Type;
      const children = scope.children.filter((child) => child.owner === node);
      if ((type === 'Parallel' || type === 'Map') && children.length > 0) {
        this.lines.push(`${pad}subgraph ${this.id(node)} ["${escapeLabel(`${node.name} (${type})`)}"]`);
        this.lines.push(`${pad}  direction TB`);
        children.forEach((child, index) => {
          if (type === 'Parallel') {
            this.lines.push(`${pad}  subgraph ${this.id(node)}_b${index} ["branch ${index}"]`);
            this.declare(child, depth + 2);
            this.lines.push(`${pad}  end`);
          } else {
            this.declare(child, depth + 1);
          }
        });
        this.lines.push(`${pad}end`);
      } else {
        this.lines.push(`${pad}${this.id(node)}${this.shape(node)}`);
      }
    }
  }

  /** Edges: Next solid, Choice rules and Default labelled, Catch dashed and labelled with the errors caught. */
  connect(scope: Scope): void {
    const target = (name: JsonValue | undefined) => (typeof name === 'string' ? scope.states.get(name) : undefined);
    const startNode = target(scope.definition.StartAt);
    if (scope.kind === 'machine' && startNode) this.lines.push(`  start_ --> ${this.id(startNode)}`);
    for (const node of scope.states.values()) {
      const state = node.definition;
      const from = this.id(node);
      const next = target(state.Next);
      if (next) this.lines.push(`  ${from} --> ${this.id(next)}`);
      if (Array.isArray(state.Choices)) {
        for (const rule of state.Choices) {
          const to = isJsonObject(rule) ? target(rule.Next) : undefined;
          if (to) this.lines.push(`  ${from} ${arrow('-->', describeRule(rule))} ${this.id(to)}`);
        }
      }
      const fallback = target(state.Default);
      if (fallback) this.lines.push(`  ${from} ${arrow('-->', 'Default')} ${this.id(fallback)}`);
      if (Array.isArray(state.Catch)) {
        for (const catcher of state.Catch) {
          const to = isJsonObject(catcher) ? target(catcher.Next) : undefined;
          if (to && isJsonObject(catcher))
            this.lines.push(`  ${from} ${arrow('-.->', errorsOf(catcher))} ${this.id(to)}`);
        }
      }
      const ends = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
      if (scope.kind === 'machine' && ends) this.lines.push(`  ${from} --> end_`);
    }
    for (const child of scope.children) this.connect(child);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** A Mermaid flowchart of a definition: the same ASL always gives the same text. */
export function toMermaid(definition: JsonObject): string {
  const model = buildModel(definition);
  const writer = new MermaidWriter(model.states);
  writer.declare(model.root, 1);
  writer.connect(model.root);
  return writer.text();
}
