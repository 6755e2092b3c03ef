import type { SfnPort } from './port.ts';

export type WorkflowType = 'STANDARD' | 'EXPRESS';

/** A state machine's type, looked up once and kept for `ttlMs`: a type never changes, but a machine deleted and recreated under the same name may have another. */
export function workflowTypes(
  sfn: SfnPort,
  now: () => number,
  ttlMs = 60_000,
): (stateMachineArn: string) => Promise<WorkflowType> {
  const known = new Map<string, { readonly at: number; readonly type: Promise<WorkflowType> }>();
  return (stateMachineArn) => {
    const hit = known.get(stateMachineArn);
    if (hit && now() - hit.at < ttlMs) return hit.type;
    const type = sfn
      .describeStateMachine({ stateMachineArn })
      .then((described) => (described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD'));
    known.set(stateMachineArn, { at: now(), type });
    type.catch(() => known.delete(stateMachineArn));
    return type;
  };
}
