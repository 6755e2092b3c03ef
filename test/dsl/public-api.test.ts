// The DSL's public face is a contract: this list changes only on purpose (and with a CHANGELOG line).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Project } from 'ts-morph';

const PUBLIC_DSL = [
  '$',
  'ActionName',
  'ActionParams',
  'ActionSpecFor',
  'ActionStepInput',
  'ActionStepOutput',
  'Actions',
  'ConsumeStepInput',
  'Tasks',
  'UserTaskInput',
  'UserTaskName',
  'UserTaskOptions',
  'UserTaskOutput',
  'ActionInput',
  'ActionOutput',
  'ActionResult',
  'ActionSpec',
  'AslGraph',
  'AslState',
  'AslStateMachine',
  'AslStateType',
  'CatchOptions',
  'Chain',
  'Choice',
  'ChoiceCondition',
  'ChoiceRuleOptions',
  'Condition',
  'ConsumeInput',
  'ConsumeOutput',
  'ContextObject',
  'DeadLetterDeclaration',
  'DeclaredResources',
  'Dispatch',
  'DslError',
  'EndedChain',
  'Errors',
  'Expression',
  'Fail',
  'FifoQueueDeclaration',
  'HashAlgorithm',
  'IncludedField',
  'Intrinsic',
  'ItemBatcher',
  'ItemReader',
  'JsonObject',
  'JsonPathTemplate',
  'JsonValue',
  'JsonataTemplate',
  'Linkable',
  'ListAndPublishInput',
  'ListAndPublishOutput',
  'MapItem',
  'MapScope',
  'MapState',
  'Operand',
  'Parallel',
  'Pass',
  'Path',
  'ProcessorConfig',
  'QueryLanguage',
  'QueueDeclaration',
  'Ref',
  'RefTo',
  'Resolve',
  'ResultWriter',
  'RetryOptions',
  'Rule',
  'S3ObjectRef',
  'Scope',
  'Shape',
  'SourceLocation',
  'StandardQueueDeclaration',
  'State',
  'States',
  'Steps',
  'Succeed',
  'Task',
  'TaskContainerName',
  'TaskContainers',
  'TemplateOf',
  'Untyped',
  'Wait',
  'WorkerEnvironment',
  'Workflow',
  'WorkflowOptions',
  'WorkflowResources',
  'WorkflowType',
  'ZipArchiveFile',
  'ZipArchiveInput',
  'ZipArchiveOutput',
  'arn',
  'context',
  'isWorkflow',
  'jsonata',
  'placeholder',
  'shape',
  'steps',
  'variable',
  'workflow',
];

// One project for the file: the three tests only read source files, and each Project pays for parsing tsconfig.json
// and the standard library again.
const project = new Project({ tsConfigFilePath: 'tsconfig.json', skipAddingFilesFromTsConfig: true });

function exportedNames(path: string): string[] {
  return [...project.addSourceFileAtPath(path).getExportedDeclarations().keys()].sort();
}

test('the DSL exports exactly its public names (values and types)', () => {
  assert.deepEqual(exportedNames('src/dsl/index.ts'), [...PUBLIC_DSL].sort());
});

test('the package root exports the DSL, defineConfig and the aws namespace, nothing else', () => {
  assert.deepEqual(exportedNames('src/index.ts'), [...PUBLIC_DSL, 'StepforgeConfig', 'aws', 'defineConfig'].sort());
});

test('members a user never calls are marked @internal on State', async () => {
  const state = project.addSourceFileAtPath('src/dsl/state.ts').getClassOrThrow('State');
  const internal = ['graph', 'joinedAt', 'cluster', 'initialize', 'stepsAt', 'successors', 'nestedGraphs', 'render'];
  for (const name of internal) {
    const member = state.getMember(name);
    assert.ok(member, `State.${name} exists`);
    const tags = member.getJsDocs?.().flatMap((doc) => doc.getTags().map((tag) => tag.getTagName())) ?? [];
    const text =
      member
        .getJsDocs?.()
        .map((doc) => doc.getInnerText())
        .join(' ') ?? '';
    assert.ok(tags.includes('internal') || text.includes('@internal'), `State.${name} is marked @internal`);
  }
});
