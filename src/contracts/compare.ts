/**
 * Orders strings by UTF-16 code unit, as `<` and the default `Array.prototype.sort` do: the same on every machine and
 * locale (unlike `localeCompare`), so generated files, plans and deployment.json come out byte for byte the same.
 */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
