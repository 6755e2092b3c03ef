/** `build/deployment.json` as deploy writes it (docs/internal-contracts.md, "deployment.json"); paths are relative to the build folder. */
export interface DeployedWorkflow {
  readonly stateMachineArn: string;
  readonly asl?: string;
  readonly schema?: string;
  readonly diagram?: string;
  readonly tasks?: readonly string[];
}

export interface Deployment {
  readonly endpoint?: string;
  readonly region?: string;
  readonly workflows: Readonly<Record<string, DeployedWorkflow>>;
}

/** Checks the parts of deployment.json the server relies on, naming the field that is wrong. */
export function parseDeployment(text: string, source = 'deployment.json'): Deployment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${source}: must be an object`);
  const record = parsed as Record<string, unknown>;
  const workflows = record.workflows ?? {};
  if (typeof workflows !== 'object' || workflows === null || Array.isArray(workflows)) {
    throw new Error(`${source}: workflows must be an object of name -> { stateMachineArn, ... }`);
  }
  for (const [name, workflow] of Object.entries(workflows)) {
    const arn = (workflow as Record<string, unknown> | null)?.stateMachineArn;
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
      throw new Error(`${source}: workflows.${name}.stateMachineArn must be a state machine ARN`);
    }
  }
  return {
    ...(typeof record.endpoint === 'string' ? { endpoint: record.endpoint } : {}),
    ...(typeof record.region === 'string' ? { region: record.region } : {}),
    workflows: workflows as Record<string, DeployedWorkflow>,
  };
}
