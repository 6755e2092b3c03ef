// The workflow's declared input type (`workflow<Input>(...)`) as JSON Schema 2020-12, read with ts-morph.
//
// Objects stay open (no `additionalProperties: false`): TypeScript types are structural, a value with extra fields
// is still assignable to them, and task payloads such as the archiver's ignore unknown fields. A string index
// signature or `Record<string, T>` becomes `additionalProperties: <T>`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CallExpression, type Node, Project, type SourceFile, SyntaxKind, ts, type Type } from 'ts-morph';
import { type JsonSchema, JSON_SCHEMA_DIALECT } from './json-schema.ts';
import { compareCodeUnits } from '../../contracts/index.ts';

export interface InputTypeSite {
  readonly file: string;
  /** The line of the `workflow(...)` call (from the DSL's `locations().get('')`); picks the call in a file with several. */
  readonly line?: number;
}

export interface InputSchemaResult {
  readonly schema: JsonSchema;
  /** Parts of the type that JSON cannot carry (functions, symbols, bigint), or a workflow without a type argument. */
  readonly warnings: string[];
}

/**
 * The ts-morph projects of one generate run. Most input types are declared next to their workflow: a project that
 * parses each file alone (no import resolution, no lib beyond ES2022) reads them in a fraction of the time a full
 * type check of the DSL takes. When a type refers to something imported, the full project (the repository's
 * tsconfig) reads it instead.
 */
export class SchemaProjects {
  private fullProject: Project | undefined;
  readonly fast = new Project({
    compilerOptions: {
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      noResolve: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
      target: ts.ScriptTarget.ES2022,
    },
  });

  constructor(private readonly projectRoot: string) {}

  get full(): Project {
    if (!this.fullProject) {
      const tsConfigFilePath = resolve(this.projectRoot, 'tsconfig.json');
      this.fullProject = existsSync(tsConfigFilePath)
        ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true })
        : new Project({
            compilerOptions: {
              strict: true,
              allowImportingTsExtensions: true,
              noEmit: true,
              target: ts.ScriptTarget.ES2022,
            },
          });
    }
    return this.fullProject;
  }
}

export function createSchemaProject(projectRoot: string): SchemaProjects {
  return new SchemaProjects(projectRoot);
}

function workflowCalls(sourceFile: SourceFile): CallExpression[] {
  return sourceFile
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((call) => /(^|\.)workflow$/.test(call.getExpression().getText()));
}

function findCall(sourceFile: SourceFile, line: number | undefined): CallExpression | undefined {
  const calls = workflowCalls(sourceFile);
  if (line === undefined) return calls.length === 1 ? calls[0] : undefined;
  const covering = calls.filter((call) => call.getStartLineNumber() <= line && line <= call.getEndLineNumber());
  // The innermost call covering the line: a workflow() call never nests another, but its arguments may span lines.
  return covering.sort((a, b) => b.getStart() - a.getStart())[0] ?? (calls.length === 1 ? calls[0] : undefined);
}

function documentation(node: Node, symbol: ReturnType<Type['getSymbol']>): string | undefined {
  if (!symbol) return undefined;
  const checker = node.getProject().getTypeChecker().compilerObject;
  const text = ts.displayPartsToString(symbol.compilerSymbol.getDocumentationComment(checker)).trim();
  return text.length > 0 ? text : undefined;
}

/** TypeScript's type for what it could not resolve (an import the fast project does not follow). */
function isUnresolved(type: Type): boolean {
  return (type.compilerType as { intrinsicName?: string }).intrinsicName === 'error';
}

class SchemaBuilder {
  readonly warnings: string[] = [];
  sawUnresolved = false;
  readonly defs = new Map<string, JsonSchema>();
  private readonly inProgress = new Map<ts.Type, { name: string; referenced: boolean }>();

  constructor(private readonly anchor: Node) {}

  convert(type: Type, where: string): JsonSchema {
    if (isUnresolved(type)) this.sawUnresolved = true;
    if (type.isAny() || type.isUnknown()) return {};
    if (type.isString() || type.isTemplateLiteral()) return { type: 'string' };
    if (type.isNumber()) return { type: 'number' };
    if (type.isBoolean()) return { type: 'boolean' };
    if (type.isNull()) return { type: 'null' };
    if (type.isStringLiteral() || type.isNumberLiteral()) return { enum: [type.getLiteralValue() as string | number] };
    if (type.isBooleanLiteral()) return { enum: [type.getText() === 'true'] };
    if (type.isUnion()) return this.union(type, where);
    if (type.getSymbol()?.getName() === 'Date') return { type: 'string', format: 'date-time' };
    if (type.isTuple()) {
      const elements = type.getTupleElements().map((element, index) => this.convert(element, `${where}[${index}]`));
      return {
        type: 'array',
        prefixItems: elements,
        minItems: elements.length,
        maxItems: elements.length,
        items: false,
      };
    }
    const element = type.isArray()
      ? type.getArrayElementType()
      : type.isReadonlyArray()
        ? type.getArrayElementType()
        : undefined;
    if (element) return { type: 'array', items: this.convert(element, `${where}[]`) };
    if (type.isObject() || type.isIntersection()) return this.object(type, where);
    this.warnings.push(`${where}: ${type.getText()} has no JSON form; accepted as any value`);
    return {};
  }

  private union(type: Type, where: string): JsonSchema {
    const members = type.getUnionTypes().filter((member) => !member.isUndefined());
    const hasTrue = members.some((member) => member.isBooleanLiteral() && member.getText() === 'true');
    const hasFalse = members.some((member) => member.isBooleanLiteral() && member.getText() === 'false');
    const rest = hasTrue && hasFalse ? members.filter((member) => !member.isBooleanLiteral()) : members;
    const parts: JsonSchema[] = hasTrue && hasFalse ? [{ type: 'boolean' }] : [];
    for (const member of rest) parts.push(this.convert(member, where));
    if (parts.length === 1) return parts[0]!;
    // Only literals (and null): one enum is what a reader expects from `'a' | 'b' | null`.
    if (parts.every((part) => part.enum !== undefined || (part.type === 'null' && Object.keys(part).length === 1))) {
      return { enum: parts.flatMap((part) => part.enum ?? [null]) };
    }
    return { anyOf: parts };
  }

  private definitionName(type: Type): string {
    const symbol = type.getAliasSymbol() ?? type.getSymbol();
    const base = symbol && !symbol.getName().startsWith('__') ? symbol.getName() : 'Anonymous';
    let name = base;
    for (let index = 2; this.defs.has(name); index++) name = `${base}${index}`;
    return name;
  }

  private object(type: Type, where: string): JsonSchema {
    const active = this.inProgress.get(type.compilerType);
    if (active) {
      active.referenced = true;
      return { $ref: `#/$defs/${active.name}` };
    }
    const entry = { name: this.definitionName(type), referenced: false };
    this.inProgress.set(type.compilerType, entry);
    const schema: JsonSchema = { type: 'object' };
    const description = documentation(this.anchor, type.getAliasSymbol() ?? type.getSymbol());
    if (description && where !== '$') schema.description = description;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of type.getProperties()) {
      const name = property.getName();
      const propertyType = property.getTypeAtLocation(this.anchor);
      if (propertyType.getCallSignatures().length > 0) {
        this.warnings.push(`${where}.${name}: a function has no JSON form; left out of the schema`);
        continue;
      }
      const converted = this.convert(propertyType, `${where}.${name}`);
      const doc = documentation(this.anchor, property);
      properties[name] = doc && converted.$ref === undefined ? { description: doc, ...converted } : converted;
      if (!property.isOptional()) required.push(name);
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    const indexType = type.getStringIndexType() ?? type.getNumberIndexType();
    if (indexType) schema.additionalProperties = this.convert(indexType, `${where}[*]`);
    this.inProgress.delete(type.compilerType);
    if (!entry.referenced) return schema;
    this.defs.set(entry.name, schema);
    return { $ref: `#/$defs/${entry.name}` };
  }
}

function readSchema(
  project: Project,
  site: InputTypeSite,
  workflowName: string,
): InputSchemaResult & { unresolved: boolean } {
  const sourceFile = project.getSourceFile(site.file) ?? project.addSourceFileAtPath(site.file);
  const header: JsonSchema = {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${workflowName}.input.json`,
    title: `${workflowName} input`,
  };
  const call = findCall(sourceFile, site.line);
  const typeArgument = call?.getTypeArguments()[0];
  if (!call || !typeArgument) {
    const why = call ? 'has no type argument' : 'was not found';
    const warning = `${site.file}:${site.line ?? '?'}: the workflow<Input>(...) call of "${workflowName}" ${why}; its input accepts any JSON`;
    return { schema: header, warnings: [warning], unresolved: false };
  }
  const builder = new SchemaBuilder(typeArgument);
  const type = typeArgument.getType();
  const body = builder.convert(type, '$');
  const description = documentation(typeArgument, type.getAliasSymbol() ?? type.getSymbol());
  const schema: JsonSchema = { ...header, ...(description ? { description } : {}), ...body };
  if (builder.defs.size > 0)
    schema.$defs = Object.fromEntries([...builder.defs].sort(([a], [b]) => compareCodeUnits(a, b)));
  return {
    schema,
    warnings: builder.warnings.map((warning) => `${workflowName} input ${warning}`),
    unresolved: builder.sawUnresolved,
  };
}

/** The input schema of the workflow created by the `workflow<Input>(...)` call at `site`. */
export function inputSchemaFor(projects: SchemaProjects, site: InputTypeSite, workflowName: string): InputSchemaResult {
  const fast = readSchema(projects.fast, site, workflowName);
  if (!fast.unresolved) return { schema: fast.schema, warnings: fast.warnings };
  const { schema, warnings } = readSchema(projects.full, site, workflowName);
  return { schema, warnings };
}
