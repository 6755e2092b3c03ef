// Deploys the console's test workflows to the LocalStack under test as one build folder (in memory).
import { type DeployedFixture, deployFixture } from '../server/localstack-fixture.ts';

export interface ConsoleWorkflow {
  readonly name: string;
  readonly definition: object;
  readonly schema?: object;
  readonly type?: 'STANDARD' | 'EXPRESS';
}

export interface ConsoleDeployment {
  readonly files: Record<string, string>;
  readonly arns: Record<string, string>;
  remove(): Promise<void>;
}

export async function deployConsoleWorkflows(workflows: readonly ConsoleWorkflow[]): Promise<ConsoleDeployment> {
  const deployed: DeployedFixture[] = [];
  try {
    for (const workflow of workflows) {
      deployed.push(await deployFixture(workflow.name, workflow.definition, workflow.schema, workflow.type));
    }
  } catch (error) {
    await Promise.allSettled(deployed.map((fixture) => fixture.remove()));
    throw error;
  }
  const files: Record<string, string> = {};
  const entries: Record<string, unknown> = {};
  for (const fixture of deployed) {
    const { 'deployment.json': deployment, ...rest } = fixture.files;
    Object.assign(files, rest);
    Object.assign(entries, (JSON.parse(deployment!) as { workflows: Record<string, unknown> }).workflows);
  }
  const first = JSON.parse(deployed[0]!.files['deployment.json']!) as Record<string, unknown>;
  files['deployment.json'] = JSON.stringify({ ...first, workflows: entries });
  return {
    files,
    arns: Object.fromEntries(deployed.map((fixture) => [fixture.workflow, fixture.stateMachineArn])),
    remove: async () => void (await Promise.allSettled(deployed.map((fixture) => fixture.remove()))),
  };
}
