// The diagrams `generate` writes, read by Mermaid's own parser: every example's diagram parses, and every node, subgraph
// and edge label reads as intended whether Mermaid draws HTML labels or SVG text (see test/support/mermaid-flowchart.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../src/generator/asl/json.ts';
import { canonicalAsl, generate, toMermaid } from '../../src/generator/index.ts';
import { type ParsedFlowchart, parseFlowchart, shownText } from '../support/mermaid-flowchart.ts';
import { corpusFiles, readCorpusFile } from '../support/corpus/corpus-files.ts';

const root = new URL('../../', import.meta.url).pathname;
const EXAMPLES = ['artifact-pipeline', 'bucket-to-queue', 'daily-events', 'media-archive', 'showcase'];

/** Each label as drawn; fails where the two ways of drawing it disagree. */
function shown(label: string, where: string): string {
  const { html, svg } = shownText(label);
  assert.equal(svg, html, `${where}: SVG text and HTML label differ`);
  return html;
}

/** `from -> to: label` for every labelled edge, and every node's label, as a reader sees them. */
function readable(diagram: ParsedFlowchart, name: string): { nodes: string[]; edges: string[] } {
  const node = (id: string) => shown(diagram.labels.get(id)?.text ?? id, `${name} node ${id}`);
  const nodes = [...diagram.labels.keys()].map(node);
  const edges = diagram.edges
    .filter((edge) => edge.text !== '')
    .map(
      (edge) =>
        `${node(edge.start)} -> ${node(edge.end)}: ${shown(edge.text, `${name} edge ${edge.start}->${edge.end}`)}`,
    );
  return { nodes, edges };
}

describe('Mermaid diagrams as Mermaid reads them', () => {
  it("every example's diagram parses, and its labels read as its state names, rules and errors", async () => {
    const outcome = await generate({ projectRoot: root, secondOpinion: false });
    const seen: Record<string, { nodes: string[]; edges: string[] }> = {};
    for (const name of EXAMPLES) {
      const text = outcome.files.get(`build/diagrams/${name}.mmd`);
      assert.ok(text, `build/diagrams/${name}.mmd is generated`);
      const diagram = await parseFlowchart(text);
      assert.equal(diagram.diagramType, 'flowchart-v2', name);
      seen[name] = readable(diagram, name);
      for (const label of [...seen[name].nodes, ...seen[name].edges]) {
        assert.doesNotMatch(label, /&\w+;|#\w+;|ﬂ°|¶ß/, `${name}: no entity left in "${label}"`);
      }
    }
    assert.deepEqual(seen.showcase!.edges, [
      'LoadLoyalty -> NoLoyalty: States.ALL',
      "Route -> Fulfil (Parallel): $.priority StringEquals 'express'",
      'Route -> BatchWindow: Default',
      'Fulfil (Parallel) -> FulfilmentFailed: States.ALL',
    ]);
    for (const state of ['DescribeLines (Map)', 'DescribeLine', 'Route', 'BatchWindow', 'branch 1', 'Done']) {
      assert.ok(seen.showcase!.nodes.includes(state), `showcase shows "${state}"`);
    }
    assert.ok(seen['media-archive']!.nodes.includes('ArchiveMedia'));
  });

  it('keeps names and rules with quotes, markup, entity codes, $$, \\n and backticks as written', async () => {
    const names = ['Say "hi" <b>now</b>', 'A&amp;B #1; #quot;', 'Tom & Jerry > 2', '`ticked`', 'Cost $$5 and $$6'];
    const definition: JsonObject = {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.a', StringEquals: 'x & <y>', Next: names[0]! },
            { Condition: '{% `a b` = "$$" or "$$" %}', Next: names[1]! },
            { Variable: '$.s', StringMatches: 'one\ntwo', Next: names[2]! },
          ],
          Default: names[3]!,
        },
        [names[0]!]: { Type: 'Succeed' },
        [names[1]!]: { Type: 'Succeed' },
        [names[2]!]: { Type: 'Succeed' },
        [names[3]!]: {
          Type: 'Task',
          Resource: 'arn:aws:states:::x',
          // A Catch of no errors has no label: Mermaid refuses an empty one.
          Catch: [
            { ErrorEquals: ['My.Error#x;', 'B<c>'], Next: names[4]! },
            { ErrorEquals: [], Next: names[4]! },
          ],
          End: true,
        },
        [names[4]!]: { Type: 'Succeed' },
      },
    };
    const text = toMermaid(definition);
    assert.match(text, /^ {2}s4 -\.-> s5$/m);
    const { nodes, edges } = readable(await parseFlowchart(text), 'synthetic');
    for (const name of names)
      assert.ok(nodes.includes(name.replaceAll('"', "'")), `"${name}" among ${JSON.stringify(nodes)}`);
    assert.deepEqual(edges, [
      `Check -> Say 'hi' <b>now</b>: $.a StringEquals 'x & <y>'`,
      "Check -> A&amp;B #1; #quot;: `a b` = '$$' or '$$'",
      "Check -> Tom & Jerry > 2: $.s StringMatches 'one\\ntwo'",
      'Check -> `ticked`: Default',
      '`ticked` -> Cost $$5 and $$6: My.Error#x;, B<c>',
    ]);
  });

  it('every diagram of the ASL corpus parses, each label drawn the same both ways', async () => {
    let parsed = 0;
    for (const file of corpusFiles()) {
      const text = toMermaid(canonicalAsl(readCorpusFile(file) as JsonObject));
      const diagram = await parseFlowchart(text).catch((error: Error) => assert.fail(`${file}: ${error.message}`));
      for (const label of [...diagram.labels.values(), ...diagram.edges]) shown(label.text, file);
      parsed++;
    }
    assert.ok(parsed > 300, `${parsed} diagrams`);
  });
});
