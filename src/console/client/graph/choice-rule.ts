// A Choice rule as the short text the Step Functions console puts on its edge: `$.priority == "express"`.

const COMPARISONS: Readonly<Record<string, string>> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
  Matches: 'matches',
};
const COMPARISON =
  /^(String|Numeric|Timestamp|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/;
const TYPE_TEST = /^Is(Null|Present|Numeric|String|Boolean|Timestamp)$/;
const MAX_LABEL = 48;

export function ruleLabel(rule: Record<string, unknown>): string {
  const text = describe(rule);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function describe(rule: Record<string, unknown>): string {
  if (typeof rule.Condition === 'string') return rule.Condition.replace(/^\{%\s*|\s*%\}$/g, '');
  if (Array.isArray(rule.And)) return rule.And.map((part) => group(part)).join(' && ');
  if (Array.isArray(rule.Or)) return rule.Or.map((part) => group(part)).join(' || ');
  if (rule.Not && typeof rule.Not === 'object') return `!${group(rule.Not)}`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '?';
  for (const [key, value] of Object.entries(rule)) {
    const comparison = COMPARISON.exec(key);
    if (comparison) {
      const operand = comparison[3] ? String(value) : JSON.stringify(value);
      return `${variable} ${COMPARISONS[comparison[2]!]} ${operand}`;
    }
    const typeTest = TYPE_TEST.exec(key);
    if (typeTest) return `${variable} is ${value === false ? 'not ' : ''}${typeTest[1]!.toLowerCase()}`;
  }
  return 'rule';
}

function group(part: unknown): string {
  if (!part || typeof part !== 'object') return '?';
  const rule = part as Record<string, unknown>;
  const text = describe(rule);
  return rule.And || rule.Or ? `(${text})` : text;
}
