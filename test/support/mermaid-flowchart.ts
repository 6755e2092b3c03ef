// A flowchart as Mermaid itself reads it, under Node. Parsing needs a DOM only for DOMPurify (Mermaid sanitises label
// text while it parses), which happy-dom provides; drawing needs a browser's layout, so `shownText` follows a parsed
// label through the two ways Mermaid 11 draws it (createText in its rendering-util): HTML labels, its default, and
// SVG text (`htmlLabels: false`).
import { Window } from 'happy-dom';

export interface FlowchartLabel {
  readonly text: string;
  readonly labelType: string;
}

export interface ParsedFlowchart {
  readonly diagramType: string;
  /** Node id -> label, subgraphs included (their title). */
  readonly labels: ReadonlyMap<string, FlowchartLabel>;
  readonly edges: readonly (FlowchartLabel & { readonly start: string; readonly end: string })[];
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; labelType?: string }>;
  getSubGraphs(): { id: string; title: string; labelType: string }[];
  getEdges(): { start: string; end: string; text: string; labelType: string }[];
}

const window = new Window();
let mermaid: Promise<typeof import('mermaid').default> | undefined;

function loadMermaid(): Promise<typeof import('mermaid').default> {
  if (!mermaid) {
    // DOMPurify binds to the global window when its module loads, so the window must be there first.
    Object.assign(globalThis, { window, document: window.document });
    // `parse` registers Mermaid's diagram types, which `getDiagramFromText` then finds.
    mermaid = import('mermaid').then(async ({ default: api }) => {
      await api.parse('flowchart TD\n  a --> b');
      return api;
    });
  }
  return mermaid;
}

/** Parses with Mermaid (throws its syntax error) and returns what its flowchart database holds. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const api = await loadMermaid();
  const diagram = await api.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as FlowDb;
  const labels = new Map<string, FlowchartLabel>();
  for (const vertex of db.getVertices().values())
    labels.set(vertex.id, { text: vertex.text ?? vertex.id, labelType: vertex.labelType ?? 'text' });
  for (const subgraph of db.getSubGraphs())
    labels.set(subgraph.id, { text: subgraph.title, labelType: subgraph.labelType });
  const edges = db.getEdges().map(({ start, end, text: label, labelType }) => ({ start, end, text: label, labelType }));
  return { diagramType: diagram.type, labels, edges };
}

/** Mermaid's stand-ins for its entity codes (`#quot;` is parsed as `ﬂ°quot¶ß`) become HTML entities before drawing. */
function decodeEntities(text: string): string {
  return text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
}

const LINE_BREAK = /\\n|\n|<br\s*\/?>/gi;

/**
 * What a reader sees of a parsed label, drawn each way: lines joined by `\n`, `[KaTeX]` where Mermaid would typeset
 * `$$...$$`, U+200B (invisible) removed. HTML labels put the text in as HTML (`\n` becoming `<br />`); SVG text splits
 * lines and words and decodes only `&amp;`, `&lt;` and `&gt;`.
 */
export function shownText(parsedLabel: string): { html: string; svg: string } {
  const decoded = decodeEntities(parsedLabel);
  const visible = (text: string) => (/\$\$(.*)\$\$/.test(decoded) ? '[KaTeX]' : text.replaceAll('\u200B', ''));
  const element = window.document.createElement('p');
  element.innerHTML = decoded.replace(/\\n|\n/g, '<br />');
  for (const br of [...element.querySelectorAll('br')]) br.replaceWith('\n');
  const svg = decoded
    .split(LINE_BREAK)
    .map((line) =>
      (line.trim().match(/<[^>]+>|[^\s<>]+/g) ?? [])
        .map((word) => word.replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name]!))
        .join(' '),
    )
    .join('\n');
  return { html: visible(element.textContent ?? ''), svg: visible(svg) };
}
