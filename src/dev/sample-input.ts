/**
 * A small value that satisfies a generated input schema, for the ready-to-paste `curl` the dev loop prints. It
 * follows `examples`/`default`/`const`/`enum` first and fills only required properties, so the sample stays short.
 */
export function sampleFromSchema(schema: unknown, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return {};
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.examples) && node.examples.length) return node.examples[0];
  if ('default' in node) return node.default;
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length) return node.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const options = node[key];
    if (Array.isArray(options) && options.length) return sampleFromSchema(options[0], depth + 1);
  }
  const type = Array.isArray(node.type) ? node.type.find((item) => item !== 'null') : node.type;
  switch (type) {
    case 'string':
      return node.format === 'uri'
        ? 'https://example.com/'
        : node.format === 'date-time'
          ? '2026-01-01T00:00:00Z'
          : 'example';
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? node.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      const minItems = typeof node.minItems === 'number' ? node.minItems : 0;
      return Array.from({ length: Math.max(1, minItems) }, () => sampleFromSchema(node.items, depth + 1));
    }
    case 'null':
      return null;
    default: {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      return Object.fromEntries(required.map((name) => [name, sampleFromSchema(properties[name], depth + 1)]));
    }
  }
}

/** Shell-quotes for POSIX shells: the JSON goes inside single quotes, an inner quote closes, escapes and reopens. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
