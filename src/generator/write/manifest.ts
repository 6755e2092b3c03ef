import { type CompiledWorkflow, mergedResources } from './project.ts';
import { compareCodeUnits } from '../../contracts/index.ts';

export const MANIFEST_FILE = 'stepforge.json';

export function aslPath(name: string): string {
  return `asl/${name}.asl.json`;
}
export function aslYamlPath(name: string): string {
  return `asl/${name}.asl.yaml`;
}
export function schemaPath(name: string): string {
  return `schema/${name}.input.json`;
}
export function diagramPath(name: string): string {
  return `diagrams/${name}.mmd`;
}

/** `build/stepforge.json` (docs/internal-contracts.md, "Generator output"): key order fixed here, lists sorted. */
export function manifestOf(workflows: readonly CompiledWorkflow[]): object {
  const resources = mergedResources(workflows);
  return {
    workflows: [...workflows]
      .sort((a, b) => compareCodeUnits(a.name, b.name))
      .map((workflow) => ({
        name: workflow.name,
        type: workflow.type,
        asl: aslPath(workflow.name),
        schema: schemaPath(workflow.name),
        diagram: diagramPath(workflow.name),
        tasks: [...workflow.tasks],
        ...(workflow.workerEnvironment ? { workerEnvironment: workflow.workerEnvironment } : {}),
      })),
    activities: resources.activities,
    queues: resources.queues.map((queue) => ({
      name: queue.name,
      fifo: queue.fifo,
      ...(queue.dlq ? { dlq: { name: queue.dlq.name, maxReceiveCount: queue.dlq.maxReceiveCount } } : {}),
    })),
    buckets: resources.buckets,
  };
}
