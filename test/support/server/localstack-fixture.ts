// A tiny deployed workflow on the shared LocalStack plus the build files the server reads, for API tests.
import { CreateStateMachineCommand, DeleteStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { createLogger, createSfnClient } from '../../../src/aws/index.ts';
import { type AppOptions, memoryBuildReader, sfnPortFromClient } from '../../../src/server/index.ts';

export const sfnClient = createSfnClient();

export interface DeployedFixture {
  readonly workflow: string;
  readonly stateMachineArn: string;
  readonly files: Record<string, string>;
  remove(): Promise<void>;
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Deploys `definition` under a unique name and writes a deployment.json naming it `workflow`. */
export async function deployFixture(
  workflow: string,
  definition: object,
  inputSchema: object | undefined,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
): Promise<DeployedFixture> {
  const created = await sfnClient.send(
    new CreateStateMachineCommand({
      name: `server-test-${workflow}-${uniqueSuffix()}`,
      type,
      definition: JSON.stringify(definition),
      roleArn: 'arn:aws:iam::000000000000:role/stepforge-server-test',
    }),
  );
  const stateMachineArn = created.stateMachineArn!;
  const files: Record<string, string> = {
    'deployment.json': JSON.stringify({
      endpoint: process.env.AWS_ENDPOINT_URL,
      region: 'us-east-1',
      workflows: {
        [workflow]: {
          stateMachineArn,
          asl: `asl/${workflow}.asl.json`,
          ...(inputSchema ? { schema: `schema/${workflow}.input.json` } : {}),
          diagram: `diagrams/${workflow}.mmd`,
          tasks: [],
        },
      },
    }),
    [`asl/${workflow}.asl.json`]: JSON.stringify(definition),
    [`diagrams/${workflow}.mmd`]: 'flowchart TD\n  A --> B\n',
    ...(inputSchema ? { [`schema/${workflow}.input.json`]: JSON.stringify(inputSchema) } : {}),
  };
  return {
    workflow,
    stateMachineArn,
    files,
    remove: async () => void (await sfnClient.send(new DeleteStateMachineCommand({ stateMachineArn }))),
  };
}

/** App options over the real LocalStack, with logs kept out of the test output. */
export function localstackAppOptions(files: Record<string, string>, extra: Partial<AppOptions> = {}): AppOptions {
  return {
    sfn: sfnPortFromClient(sfnClient),
    build: memoryBuildReader(files),
    logger: createLogger({ pretty: false, level: 'error', write: () => {} }),
    endpoint: process.env.AWS_ENDPOINT_URL,
    streamPollMs: { initial: 100, max: 400 },
    ...extra,
  };
}

/** Polls until the execution leaves RUNNING. */
export async function waitForEnd(executionArn: string, client: SFNClient = sfnClient): Promise<string> {
  const { DescribeExecutionCommand } = await import('@aws-sdk/client-sfn');
  for (;;) {
    const found = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (found.status !== 'RUNNING') return found.status!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
