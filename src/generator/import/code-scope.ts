// What a piece of generated code needs from its surroundings: names from the DSL module (imports) and names from
// an options callback's scope (`({ input, context }) => ...`). Where no callback exists (Catch, Choice rule
// options), references use the DSL's module-level `$` and `context` instead.

export type ScopeName = 'input' | 'result' | 'context';

export class CodeScope {
  readonly scopeNames = new Set<ScopeName>();

  constructor(
    readonly imports: Set<string>,
    /** True inside an options callback that can destructure `input`, `result`, `context`. */
    readonly hasCallback: boolean,
  ) {}

  /** The expression naming a scope root here, recording what must be imported or destructured for it. */
  root(name: ScopeName): string {
    if (this.hasCallback) {
      this.scopeNames.add(name);
      return name;
    }
    if (name === 'context') {
      this.imports.add('context');
      return 'context';
    }
    this.imports.add('$');
    return '$';
  }

  /** A scope to try code in: `adopt` it when the attempt is kept, drop it otherwise. */
  trial(): CodeScope {
    return new CodeScope(new Set(), this.hasCallback);
  }

  adopt(trial: CodeScope): void {
    for (const name of trial.imports) this.imports.add(name);
    for (const name of trial.scopeNames) this.scopeNames.add(name);
  }

  use(importName: string): string {
    this.imports.add(importName);
    return importName;
  }

  /** `({ input, context })` for the callback form, in a fixed order. */
  parameterList(): string {
    const order: ScopeName[] = ['input', 'result', 'context'];
    return `{ ${order.filter((name) => this.scopeNames.has(name)).join(', ')} }`;
  }
}
