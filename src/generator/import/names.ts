// Variable names for generated code: camelCase from the state name, unique in the module, never a keyword or a
// name the generated code itself uses.

const RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends false finally for function
  if import in instanceof new null return super switch this throw true try typeof var void while with as implements
  interface let package private protected public static yield await async of type any unknown never undefined NaN
  Infinity eval arguments Object Array String Number Boolean Symbol Error JSON Math Date Promise Map Set
  workflow States Condition Errors arn variable context input result steps item branch $`.split(/\s+/),
);

export class NameAllocator {
  private readonly taken = new Set<string>(RESERVED);

  /** `Process item #1` -> `processItem1`; a suffix makes repeats unique. */
  allocate(label: string, fallback = 'state'): string {
    const words = label.match(/[A-Za-z0-9]+/g) ?? [];
    let base = words
      .map((word, index) =>
        index === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1),
      )
      .join('');
    if (base === '') base = fallback;
    if (/^\d/.test(base)) base = `${fallback}${base}`;
    if (base.length > 40) base = base.slice(0, 40);
    let name = base;
    for (let suffix = 2; this.taken.has(name); suffix++) name = `${base}${suffix}`;
    this.taken.add(name);
    return name;
  }
}
