// The last step of code generation: ts-morph's formatter (the TypeScript language service's), so imported
// workflows are indented and spaced like hand-written ones.
import { IndentationText, Project, QuoteKind } from 'ts-morph';

let project: Project | undefined;

export function formatSource(text: string): string {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const file = project.createSourceFile('/imported-workflow.ts', text, { overwrite: true });
  file.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true });
  const formatted = file.getFullText();
  project.removeSourceFile(file);
  return formatted;
}
