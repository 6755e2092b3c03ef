// Plain Next links joined into chains, so a sequence of states reads as one: `a.next(b).next(c);`.

const PLAIN_NEXT = /^(\w+)\.next\((\w+)\);$/;

/** `a.next(b); b.next(c);` -> `a.next(b).next(c);`: plain Next links read as the sequence they are. */
export function joinChains(lines: readonly string[]): string[] {
  const nextOf = new Map<string, string>();
  for (const line of lines) {
    const match = PLAIN_NEXT.exec(line);
    if (match) nextOf.set(match[1]!, match[2]!);
  }
  const joined = new Set<string>();
  const chainFrom = (head: string): string => {
    let text = head;
    for (let current = head; nextOf.has(current) && !joined.has(current); ) {
      joined.add(current);
      current = nextOf.get(current)!;
      text += `.next(${current})`;
    }
    return `${text};`;
  };
  // A state no plain link leads to starts a chain, where its own link was; links left over (loops, or states
  // reached from two sides) follow at the end. Statement order does not matter to the graph: states joined it
  // when declared.
  const targets = new Set(nextOf.values());
  const out: string[] = [];
  for (const line of lines) {
    const match = PLAIN_NEXT.exec(line);
    if (!match) out.push(line);
    else if (!targets.has(match[1]!)) out.push(chainFrom(match[1]!));
  }
  for (const from of nextOf.keys()) if (!joined.has(from)) out.push(chainFrom(from));
  return out;
}
