import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { localStackPaths, recordedProcess } from '../../src/localstack/index.ts';
import { endpointPort, eventually, TEST_ROLE, testClients, uniqueName } from '../support/localstack.ts';

/**
 * LocalStack evaluates JSONata on a JVM and would download Temurin 21 and four jars on first use; this machine has
 * no route to GitHub, so an execution that succeeds is itself the proof that the installer provisioned both.
 */
describe('JSONata on LocalStack without downloads', () => {
  const { sfn } = testClients();
  let stateMachineArn: string | undefined;
  after(async () => {
    if (stateMachineArn) await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  });

  it('evaluates JSONata expressions in a state machine', async () => {
    ({ stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: uniqueName('sf-jsonata'),
        roleArn: TEST_ROLE,
        definition: JSON.stringify({
          QueryLanguage: 'JSONata',
          StartAt: 'Summarise',
          States: {
            Summarise: {
              Type: 'Pass',
              Output: {
                total: '{% $sum($states.input.items.price) %}',
                names: '{% $join($states.input.items.name, ",") %}',
                expensive: '{% $count($states.input.items[price > 10]) %}',
              },
              End: true,
            },
          },
        }),
      }),
    ));
    const input = {
      items: [
        { name: 'a', price: 5 },
        { name: 'b', price: 20 },
        { name: 'c', price: 12.5 },
      ],
    };
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    const described = await eventually(
      'the JSONata execution',
      async () => {
        const result = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        return result.status === 'RUNNING' ? undefined : result;
      },
      90_000,
    );
    assert.equal(described.status, 'SUCCEEDED', `${described.error}: ${described.cause}`);
    assert.deepEqual(JSON.parse(described.output!), { total: 37.5, names: 'a,b,c', expensive: 2 });
  });

  it('attempted no download, when stepforge runs this LocalStack', (context) => {
    const port = endpointPort();
    if (recordedProcess(port) === undefined) {
      context.skip('this LocalStack was started outside stepforge; its log is not ours to read');
      return;
    }
    const log = readFileSync(localStackPaths(port).log, 'utf8');
    assert.doesNotMatch(log, /Failed to download|adoptium|Installation of .* failed/i);
  });
});
