// Workflow variables and their scopes: a Map iteration or Parallel branch reads its outer scope's variables, but
// its own assignments stay inside it (they never write upward, and vanish when the iteration or branch ends).
import type { JsonValue } from '../json.ts';

export class VariableScope {
  private readonly values = new Map<string, JsonValue>();

  constructor(private readonly outer?: VariableScope) {}

  get(name: string): JsonValue | undefined {
    return this.values.has(name) ? this.values.get(name) : this.outer?.get(name);
  }

  /** Every variable visible here, inner ones shadowing outer ones (JSONata binds them all by name). */
  all(): Record<string, JsonValue> {
    return { ...this.outer?.all(), ...Object.fromEntries(this.values) };
  }

  /** Assigns all at once: the values were computed from the variables as they were before the state. */
  assign(values: Readonly<Record<string, JsonValue>>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }

  /** The variables assigned in this scope itself (not its outer ones). */
  own(): Record<string, JsonValue> {
    return Object.fromEntries(this.values);
  }

  child(): VariableScope {
    return new VariableScope(this);
  }
}
