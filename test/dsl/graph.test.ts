// The state graph's invariants, thrown at construction time with the file:line of both calls involved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DslError, steps, workflow } from '../../src/dsl/index.ts';

const HERE = /graph\.test\.ts:(\d+):\d+/g;

function linesNamed(error: unknown): number[] {
  assert.ok(error instanceof DslError, `expected a DslError, got ${String(error)}`);
  return [...error.message.matchAll(HERE)].map((match) => Number(match[1]));
}

/** The line this is called from. */
function callerLine(): number {
  const frame = (new Error().stack ?? '').split('\n')[2] ?? '';
  return Number(/graph\.test\.ts:(\d+)/.exec(frame)?.[1]);
}

/** What `call` throws (nothing: undefined), for asserting on the message and the lines it names. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('state graph', () => {
  it('refuses a duplicate name in one graph, naming both creating calls', () => {
    const wf = workflow('dup');
    const firstLine = callerLine() + 1;
    wf.pass('Same');
    let error: unknown;
    try {
      wf.pass('Same');
    } catch (caught) {
      error = caught;
    }
    assert.match(String(error), /duplicate state name "Same" in workflow "dup"/);
    assert.deepStrictEqual(linesNamed(error), [firstLine, firstLine + 3]);
  });

  it('refuses a duplicate name when linking unattached states', () => {
    const first = steps.pass('Twin');
    assert.throws(() => first.next(steps.pass('Other')).next(steps.pass('Twin')), /duplicate state name "Twin"/);
  });

  it('refuses a state in two graphs, naming where it joined the first and the second call', () => {
    const one = workflow('one');
    const two = workflow('two');
    const shared = steps.pass('Shared');
    const joinLine = callerLine() + 1;
    one.start(shared);
    let error: unknown;
    try {
      two.start(shared);
    } catch (caught) {
      error = caught;
    }
    assert.match(String(error), /"Shared" already belongs to workflow "one" and cannot also join workflow "two"/);
    assert.deepStrictEqual(linesNamed(error), [joinLine, joinLine + 3]);
  });

  it('refuses a transition from a Parallel branch into the outer workflow', () => {
    const wf = workflow('scopes');
    const outer = wf.pass('Outer');
    assert.throws(
      () => wf.parallel('P', { branches: [(branch) => branch.pass('Inner').next(outer)] }),
      /"Inner" \(in branch 0 of Parallel "P"\) cannot transition to "Outer" \(in workflow "scopes"\)/,
    );
  });

  it('refuses next() after a terminal state at runtime too, naming both calls', () => {
    const wf = workflow('terminal');
    const chain = wf.pass('A').next(wf.succeed('End'));
    // Types forbid this; plain JavaScript callers get the same answer at construction time.
    const untyped = chain as unknown as { next(target: unknown): unknown };
    assert.throws(
      () => untyped.next(wf.pass('After')),
      (error: unknown) => {
        assert.match(String(error), /"End" is a Succeed state and ends its path; nothing can follow it/);
        assert.equal(linesNamed(error).length, 2);
        return true;
      },
    );
  });

  it('refuses a second Next, naming both calls', () => {
    const wf = workflow('two-nexts');
    const a = wf.pass('A');
    a.next(wf.pass('B'));
    assert.throws(
      () => a.next(wf.pass('C')),
      (error: unknown) => {
        assert.match(String(error), /"A" already continues to "B"; it cannot also continue to "C"/);
        assert.equal(linesNamed(error).length, 2);
        return true;
      },
    );
  });

  it('validates names and options, naming the field', () => {
    assert.throws(() => workflow('has space'), /workflow name must be 1-80 letters/);
    assert.throws(() => workflow('x', { type: 'BATCH' as never }), /workflow "x"\.type: must be STANDARD or EXPRESS/);
    const wf = workflow('opts');
    assert.throws(() => wf.pass('', {}), /state name must be a string of 1 to 80 characters/);
    assert.throws(() => wf.pass('P', { parmeters: {} } as never), /P: unknown option "parmeters" for a Pass state/);
    assert.throws(
      () => wf.pass('Q', { queryLanguage: 'XPath' } as never),
      /Q\.queryLanguage: must be "JSONPath" or "JSONata"/,
    );
    wf.parallel('R', { branches: [(branch) => branch.pass('RB')] }).retry({ errors: [42 as never] });
    assert.throws(() => wf.toAsl(), /R\.Retry\[0\]\.ErrorEquals\[0\]: must be an error name string/);
  });

  it('keeps every state (unreachable too), starts at the first one unless told, and renders deterministically', () => {
    const wf = workflow('order');
    const b = wf.pass('B');
    wf.pass('A').next(b);
    wf.pass('Orphan');
    assert.equal(wf.toAsl().StartAt, 'B');
    const explicit = workflow('explicit');
    const first = steps.pass('Second');
    explicit.pass('First');
    explicit.start(first);
    assert.equal(explicit.toAsl().StartAt, 'Second');
    assert.deepStrictEqual(Object.keys(wf.toAsl().States), ['B', 'A', 'Orphan']);
    assert.equal(JSON.stringify(wf.toAsl()), JSON.stringify(wf.toAsl()));
    assert.throws(() => explicit.start(explicit.pass('Third')), /already has a start/);
  });

  it('adds states built elsewhere with add()', () => {
    const wf = workflow('adds');
    wf.add(steps.pass('X').next(steps.pass('Y')), steps.fail('Z'));
    assert.deepStrictEqual(Object.keys(wf.toAsl().States), ['X', 'Y', 'Z']);
  });

  it('withTasks() returns the workflow itself, unchanged, when every Task state is given alone or on a chain', () => {
    const wf = workflow('by-statements');
    const first = wf.task('First', { resource: 'arn:aws:states:::lambda:invoke' });
    const each = wf.map('Each', { items: '$.items' }, (item) =>
      item.task('Inner', { resource: 'arn:aws:states:::lambda:invoke' }),
    );
    const last = wf.task('Last', { resource: 'arn:aws:states:::sns:publish' });
    const done = wf.succeed('Done');
    const firstTwo = first.next(each);
    each.next(last).next(done);
    const before = JSON.stringify(wf.toAsl());
    assert.equal(wf.withTasks(firstTwo, last), wf);
    assert.equal(JSON.stringify(wf.toAsl()), before);
  });

  it('withTasks() refuses a workflow whose Task states are not all given, naming them and where they were made', () => {
    const wf = workflow('left-out');
    const first = wf.task('First', { resource: 'arn:aws:states:::lambda:invoke' });
    const madeAt = callerLine() + 1;
    const each = wf.map('Each', { items: '$.items' }, (item) =>
      item.task('Inner', { resource: 'arn:aws:states:::lambda:invoke' }),
    );
    const last = wf.task('Last', { resource: 'arn:aws:states:::sns:publish' });
    const all = first.next(each).next(last);
    const callLine = callerLine() + 1;
    const error = thrownBy(() => wf.withTasks(first));
    assert.match(
      String(error),
      /workflow "left-out"\.withTasks\(\.\.\.\): not given: "Each", "Last" \(a Task state, or a Map\/Parallel/,
    );
    assert.deepStrictEqual(linesNamed(error), [callLine, madeAt, madeAt + 3]);
    // A chain holding them all is enough.
    assert.equal(wf.withTasks(all), wf);
  });

  it('withTasks() refuses a state of another workflow, or of none, naming the call', () => {
    const one = workflow('one-typed');
    const two = workflow('two-typed');
    const joinLine = callerLine() + 1;
    const foreign = one.task('Foreign', { resource: 'arn:aws:states:::lambda:invoke' });
    const callLine = callerLine() + 1;
    const error = thrownBy(() => two.withTasks(foreign));
    assert.match(String(error), /withTasks\(\.\.\.\): state "Foreign" belongs to workflow "one-typed"/);
    assert.deepStrictEqual(linesNamed(error), [joinLine, callLine]);
    assert.throws(
      () => two.withTasks(steps.task('Loose', { resource: 'arn:aws:states:::lambda:invoke' })),
      /state "Loose" is in no workflow yet/,
    );
  });

  it('reports the creating call of every state, nested ones by path', () => {
    const line = callerLine() + 1;
    const wf = workflow('where');
    wf.pass('Top');
    wf.parallel('Outer', {
      branches: [
        (branch) => branch.pass('Left'),
        (branch) => branch.map('Inner', { itemsPath: '$' }, (item) => item.pass('Deep')),
      ],
    });
    const locations = wf.locations();
    assert.deepStrictEqual(
      [...locations.keys()],
      ['', 'Top', 'Outer', 'Outer/branch 0/Left', 'Outer/branch 1/Inner', 'Outer/branch 1/Inner/Deep'],
    );
    const lines = Object.fromEntries([...locations].map(([path, location]) => [path, location.line]));
    assert.deepStrictEqual(lines, {
      '': line,
      Top: line + 1,
      Outer: line + 2,
      'Outer/branch 0/Left': line + 4,
      'Outer/branch 1/Inner': line + 5,
      'Outer/branch 1/Inner/Deep': line + 5,
    });
    const site = locations.get('Outer/branch 1/Inner/Deep');
    assert.ok(site?.file.endsWith('test/dsl/graph.test.ts'));
    assert.ok((site?.column ?? 0) > (locations.get('Outer/branch 1/Inner')?.column ?? 0));
  });
});
