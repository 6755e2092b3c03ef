import jsonata from 'jsonata';

// JSONata's own functions plus those Step Functions adds; in an expression they look like variables.
const BUILT_IN_FUNCTIONS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'formatNumber formatBase formatInteger parseInteger number abs floor ceil round power sqrt random boolean not map zip ' +
    'filter single reduce sift keys lookup append exists spread merge reverse each error assert type sort shuffle ' +
    'distinct base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval toMillis ' +
    'fromMillis clone now millis split join match contains replace partition range hash uuid parse'
  ).split(' '),
);

/** Variables Step Functions provides itself. */
const RESERVED = new Set(['', 'states']);

interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null;
}

/** Parses `expression`; throws jsonata's error (with `position` and `message`) when it does not parse. */
export function parseJsonata(expression: string): AstNode {
  return jsonata(expression).ast() as unknown as AstNode;
}

/**
 * The variables an expression reads that it does not bind itself (`:=`, lambda parameters, `@$x`, `#$i`).
 * Binding is treated as expression-wide: looser than JSONata's block scoping, never a false alarm.
 */
export function freeVariables(ast: AstNode): string[] {
  const read = new Set<string>();
  const bound = new Set<string>();
  const visit = (node: unknown, isProcedure = false): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'variable' && typeof node.value === 'string') {
      if (!(isProcedure || BUILT_IN_FUNCTIONS.has(node.value))) read.add(node.value);
    }
    if (node.type === 'bind' && isNode(node.lhs) && typeof node.lhs.value === 'string') bound.add(node.lhs.value);
    if (node.type === 'lambda' && Array.isArray(node.arguments)) {
      for (const argument of node.arguments)
        if (isNode(argument) && typeof argument.value === 'string') bound.add(argument.value);
    }
    if (typeof node.focus === 'string') bound.add(node.focus);
    if (typeof node.index === 'string') bound.add(node.index);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'position' || key === 'value') continue;
      visit(child, key === 'procedure');
    }
  };
  visit(ast);
  return [...read].filter((name) => !bound.has(name) && !RESERVED.has(name)).sort();
}
