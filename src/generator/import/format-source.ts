// The last step of code generation: ts-morph's formatter (the TypeScript language service's), so imported
// workflows are indented and spaced like hand-written ones.
import { IndentationText, Project, QuoteKind } from 'ts-morph';

let project: Project | undefined;
let formatted = 0;

export function formatSource(text: string): string {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  // A new name each time: re-creating one name let the language service format the new text with the edits it
  // computed for the previous one (seen as `item  s: input.items` when two imports ran in one process).
  const file = project.createSourceFile(`/imported-workflow-${formatted++}.ts`, text);
  file.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true });
  const result = file.getFullText();
  project.removeSourceFile(file);
  return result;
}
