import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { DeleteActivityCommand, DeleteStateMachineCommand } from '@aws-sdk/client-sfn';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/index.ts';
import { DeployError } from './deploy-error.ts';
import type { PlannedRemoval } from './plan.ts';
import { errorName, isGone } from './read-tags.ts';

async function remove(clients: AwsClients, removal: PlannedRemoval): Promise<void> {
  switch (removal.resource) {
    case 'state machine':
      await clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: removal.address }));
      return;
    case 'activity':
      await clients.sfn.send(new DeleteActivityCommand({ activityArn: removal.address }));
      return;
    case 'queue':
      await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: removal.address }));
      return;
    case 'bucket':
      try {
        await clients.s3.send(new DeleteBucketCommand({ Bucket: removal.address }));
      } catch (error) {
        // Observed empty, but an object arrived since: still never emptied, just not deleted this time.
        if (errorName(error) === 'BucketNotEmpty')
          throw new DeployError(`bucket ${removal.physicalName} received objects while deploy ran; it was kept`);
        throw error;
      }
  }
}

/** Deletes what the plan says to, in its order; retained resources are only reported. */
export async function applyRemovals(
  clients: AwsClients,
  plan: readonly PlannedRemoval[],
  onApplied: (removal: PlannedRemoval) => void = () => {},
): Promise<void> {
  for (const removal of plan) {
    if (removal.change === 'delete') {
      try {
        await remove(clients, removal);
      } catch (error) {
        // Already gone (deleted by hand since it was observed) is what the plan wanted.
        if (!isGone(error)) throw error;
      }
    }
    onApplied(removal);
  }
}
