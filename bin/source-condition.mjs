// A resolve hook for a checkout of the repository: `stepforge` and its subpaths, imported by name (a project inside
// the repository's tests, linked to it), resolve to the TypeScript sources through the package's "stepforge-source"
// export condition instead of dist/, which a checkout does not build.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'stepforge-source'] });
}
