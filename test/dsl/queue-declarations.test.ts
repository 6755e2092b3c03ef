// Queues a workflow declares, with or without a DLQ: the specs the generator receives, and the errors at the call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DslError, placeholder, type QueueDeclaration, workflow } from '../../src/dsl/index.ts';

function declaring(name: string, queues: readonly QueueDeclaration[]) {
  const declared = workflow(name, { resources: { queues } });
  declared.pass('Only');
  return declared;
}

/** The DslError of declaring `queues`, asserting it points at this file. */
function declarationError(queues: readonly unknown[]): string {
  try {
    declaring('bad', queues as QueueDeclaration[]);
  } catch (error) {
    assert.ok(error instanceof DslError, String(error));
    assert.match(error.message, /\(.*queue-declarations\.test\.ts:\d+:\d+\)$/, 'names the workflow(...) call');
    return error.message;
  }
  assert.fail('no error');
}

describe('declared queues', () => {
  it('a name, or a name with a DLQ whose name and maxReceiveCount default', () => {
    const wf = declaring('queues', [
      'plain',
      'events.fifo',
      { name: 'jobs', deadLetter: {} },
      { name: 'ordered.fifo', deadLetter: { maxReceiveCount: 3 } },
      { name: 'named', fifo: false, deadLetter: { name: 'named-parking', maxReceiveCount: 1000 } },
    ]);
    assert.deepStrictEqual(wf.resources().queues, [
      { name: 'events.fifo', fifo: true },
      { name: 'jobs', fifo: false, dlq: { name: 'jobs-dlq', maxReceiveCount: 5 } },
      { name: 'named', fifo: false, dlq: { name: 'named-parking', maxReceiveCount: 1000 } },
      { name: 'ordered.fifo', fifo: true, dlq: { name: 'ordered-dlq.fifo', maxReceiveCount: 3 } },
      { name: 'plain', fifo: false },
    ]);
  });

  it('a placeholder naming a declared DLQ adds no queue of its own', () => {
    const wf = declaring('dlq-reader', [{ name: 'jobs', deadLetter: {} }]);
    wf.pass('Where', { parameters: { queue: placeholder.queueUrl('jobs'), dead: placeholder.queueUrl('jobs-dlq') } });
    assert.deepStrictEqual(wf.resources().queues, [
      { name: 'jobs', fifo: false, dlq: { name: 'jobs-dlq', maxReceiveCount: 5 } },
    ]);
  });

  it('refuses a maxReceiveCount outside 1..1000 or not whole, naming the field', () => {
    for (const count of [0, 1001, 2.5, '3']) {
      assert.match(
        declarationError([{ name: 'jobs', deadLetter: { maxReceiveCount: count } }]),
        /^workflow "bad"\.resources\.queues\[0\]\.deadLetter\.maxReceiveCount: must be a whole number from 1 to 1000, got /,
      );
    }
  });

  it('refuses FIFO-ness that the names contradict', () => {
    assert.match(
      declarationError(['ok', { name: 'jobs', fifo: true }]),
      /queues\[1\]\.fifo: is true, but a FIFO queue's name must end in "\.fifo"/,
    );
    assert.match(
      declarationError([{ name: 'jobs.fifo', fifo: false }]),
      /queues\[0\]\.fifo: is false, but "jobs\.fifo" ends in "\.fifo"/,
    );
    assert.match(
      declarationError([{ name: 'jobs.fifo', deadLetter: { name: 'dead' } }]),
      /queues\[0\]\.deadLetter\.name: must end in "\.fifo": the DLQ of a FIFO queue is FIFO/,
    );
    assert.match(
      declarationError([{ name: 'jobs', deadLetter: { name: 'dead.fifo' } }]),
      /queues\[0\]\.deadLetter\.name: ends in "\.fifo", but "jobs" is a standard queue/,
    );
  });

  it('refuses bad names, misspelt options and a DLQ that is itself', () => {
    assert.match(declarationError(['has space']), /queues\[0\]: must be a queue name of at most 80 letters/);
    assert.match(
      declarationError([{ name: 'x'.repeat(79), deadLetter: {} }]),
      /queues\[0\]\.deadLetter\.name: must be a queue name of at most 80/,
    );
    assert.match(
      declarationError([{ name: 'jobs', deadletter: {} }]),
      /queues\[0\]\.deadletter: is not an option \(name, fifo, deadLetter\)/,
    );
    assert.match(
      declarationError([{ name: 'jobs', deadLetter: { maxRecieveCount: 3 } }]),
      /queues\[0\]\.deadLetter\.maxRecieveCount: is not an option/,
    );
    assert.match(
      declarationError([{ name: 'jobs', deadLetter: true }]),
      /queues\[0\]\.deadLetter: must be \{ maxReceiveCount\?, name\? \}/,
    );
    assert.match(
      declarationError([{ name: 'jobs', deadLetter: { name: 'jobs' } }]),
      /queues\[0\]\.deadLetter\.name: is the queue itself/,
    );
  });

  it('refuses one name meaning two queues', () => {
    assert.match(
      declarationError(['jobs', { name: 'jobs', deadLetter: {} }]),
      /queues: "jobs" is declared as a standard queue without DLQ and as a standard queue with DLQ "jobs-dlq"/,
    );
    assert.match(
      declarationError([
        { name: 'a', deadLetter: { name: 'shared' } },
        { name: 'b', deadLetter: { name: 'shared' } },
      ]),
      /"shared" is declared as the DLQ of "a" and as the DLQ of "b"/,
    );
    assert.match(
      declarationError(['jobs-dlq', { name: 'jobs', deadLetter: {} }]),
      /"jobs-dlq" is declared as a standard queue without DLQ and as the DLQ of "jobs"/,
    );
    // The same declaration twice is one queue.
    assert.equal(declaring('twice', ['jobs', 'jobs']).resources().queues.length, 1);
  });
});
