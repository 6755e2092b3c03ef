// What runWorkflow accepts as the workflow: a DSL Workflow (rendered with toAsl()), ASL as an object, or ASL as
// JSON or YAML text.
import { parse as parseYaml } from 'yaml';
import { isWorkflow, type Workflow } from '../dsl/workflow.ts';
import { RunnerError } from './errors.ts';
import { isJsonObject, type JsonObject } from './json.ts';

export type WorkflowSource = Workflow<any, any> | JsonObject | string;

export interface Definition {
  readonly asl: JsonObject;
  readonly name: string;
}

export function readDefinition(source: WorkflowSource, fallbackName = 'stepforge-testing'): Definition {
  if (isWorkflow(source)) return { asl: source.toAsl() as unknown as JsonObject, name: source.name };
  let asl: unknown = source;
  if (typeof source === 'string') {
    try {
      asl = source.trimStart().startsWith('{') ? JSON.parse(source) : parseYaml(source);
    } catch (error) {
      throw new RunnerError(`runWorkflow: the definition text is neither JSON nor YAML: ${(error as Error).message}`);
    }
  }
  if (!isJsonObject(asl as JsonObject))
    throw new RunnerError('runWorkflow: the definition must be a DSL workflow, an ASL object, or ASL JSON/YAML text');
  const object = asl as JsonObject;
  if (typeof object.StartAt !== 'string') throw new RunnerError('runWorkflow: the definition has no "StartAt"');
  if (!isJsonObject(object.States)) throw new RunnerError('runWorkflow: the definition has no "States" object');
  return { asl: object, name: fallbackName };
}
