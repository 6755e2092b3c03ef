// The library names places as JSON Pointer fragments (`#/files/0/source`); people read property accesses.

/** The segments of a `#/a/b` fragment, decoded (the library URI-encodes them and escapes `~` and `/`). */
export function pointerSegments(fragment: string): string[] {
  const pointer = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `path.key`, `path["odd key"]` or `path[3]`; an empty path gives `key` alone. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** The value at an instance location and its readable path, named from `root`. */
export function locate(
  value: unknown,
  fragment: string,
  root: string,
): { readonly value: unknown; readonly path: string } {
  let current = value;
  let path = root;
  for (const segment of pointerSegments(fragment)) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      path = childPath(path, index);
      current = current[index];
    } else {
      path = childPath(path, segment);
      current =
        typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return { value: current, path };
}
