// Every command's --help against its definition: exit 0, every declared option (with its default) in the help, and
// nothing in the help or accepted that is not declared. Plus the bin itself, --version, and suggestions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tasks } from '../../tasks/index.ts';
import { DEFAULT_HEARTBEAT_INTERVAL_SECONDS } from '../../tasks/runtime/index.ts';
import { type CommandDefinition, GLOBAL_OPTIONS, type OptionSpecs } from '../../src/cli/command.ts';
import { loadCommands } from '../../src/cli/commands.ts';
import { commanderOption } from '../../src/cli/program.ts';
import { TASK_NAMES } from '../../src/cli/worker-command.ts';
import { mainInProcess } from '../support/cli/main-in-process.ts';
import { runStepforge } from '../support/stepforge-cli.ts';

const definitions = await loadCommands();

/** [path, definition] of every command that runs (subcommands included) and of every parent. */
function everyCommand(list: readonly CommandDefinition[], parent: string[] = []): [string[], CommandDefinition][] {
  return list.flatMap((definition) => {
    const path = [...parent, definition.name];
    return [[path, definition] as [string[], CommandDefinition], ...everyCommand(definition.subcommands ?? [], path)];
  });
}

/** The long flags the help lists under "Options:" and "Global Options:". */
function listedFlags(help: string): string[] {
  return [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]!).sort();
}

function declaredFlags(options: OptionSpecs): string[] {
  return Object.keys(options).map((name) => `--${name}`);
}

function defaultText(value: string | number): string {
  return `(default: ${JSON.stringify(value)})`;
}

describe('--help of every command', () => {
  for (const [path, definition] of everyCommand(definitions)) {
    it(`stepforge ${path.join(' ')} --help lists exactly its declared options, with defaults`, async () => {
      const help = await mainInProcess([...path, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.equal(help.stderr, '');
      const expected = [...declaredFlags(definition.options), ...declaredFlags(GLOBAL_OPTIONS), '--help', '--version'];
      assert.deepEqual(listedFlags(help.stdout), expected.sort());
      // Help text is wrapped: compare with the whitespace folded.
      const text = help.stdout.replace(/\s+/g, ' ');
      assert.ok(text.includes(`Usage: stepforge ${path.join(' ')}`), help.stdout);
      for (const [name, spec] of Object.entries(definition.options)) {
        assert.ok(text.includes(spec.description.replace(/\s+/g, ' ')), `--${name}'s description`);
        if (spec.type !== 'boolean' && spec.default !== undefined)
          assert.ok(text.includes(defaultText(spec.default)), `--${name} ${defaultText(spec.default)}`);
        if (spec.type === 'string' && spec.choices)
          assert.ok(text.includes(`(one of: ${spec.choices.join(', ')})`), `--${name}'s choices`);
      }
      for (const positional of definition.positionals ?? []) assert.ok(text.includes(positional.description));
      for (const sub of definition.subcommands ?? []) assert.ok(text.includes(sub.summary), sub.name);

      assert.deepEqual(await mainInProcess(['help', ...path]), help, '`stepforge help <command>` is the same');
      assert.deepEqual(await mainInProcess([...path, '-h']), help, '-h is the same');
    });

    if (definition.subcommands) continue;
    it(`stepforge ${path.join(' ')} accepts no undeclared option`, async () => {
      const result = await mainInProcess([...path, '--not-an-option-of-stepforge']);
      assert.deepEqual(result, {
        code: 2,
        stdout: '',
        stderr: `stepforge ${path.join(' ')}: unknown option --not-an-option-of-stepforge\n`,
      });
    });
  }

  it('the bin answers --help for every command with exit 0 (the real process, as users run it)', async () => {
    const results = await Promise.all(definitions.map((definition) => runStepforge([definition.name, '--help'])));
    for (const [index, result] of results.entries()) {
      assert.equal(result.status, 0, `${definitions[index]!.name}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`^Usage: stepforge ${definitions[index]!.name} `));
    }
  });
});

describe('the root', () => {
  const version = (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;

  it('--version and -v print the package version', async () => {
    assert.deepEqual(await mainInProcess(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
    assert.deepEqual(await mainInProcess(['-v']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command with its summary; no arguments prints it too, with exit 2', async () => {
    const help = await mainInProcess(['--help']);
    assert.equal(help.code, 0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const definition of definitions) assert.ok(text.includes(definition.summary), definition.name);
    assert.deepEqual(await mainInProcess(['help']), help);
    assert.deepEqual(await mainInProcess([]), { ...help, code: 2 });
    const onlyGlobal = await mainInProcess(['--log', 'json']);
    assert.deepEqual(
      { ...onlyGlobal, stderr: onlyGlobal.stderr.replace(/\s+/g, ' ') },
      {
        code: 2,
        stdout: '',
        stderr: help.stdout.replace(/\s+/g, ' '),
      },
    );
  });

  it('unknown commands and options are usage errors naming the closest known name', async () => {
    assert.deepEqual(await mainInProcess(['deplyo']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge: unknown command "deplyo"; did you mean deploy?\n',
    });
    assert.deepEqual(await mainInProcess(['help', 'deplyo']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge: unknown command "deplyo"; did you mean deploy?\n',
    });
    assert.deepEqual(await mainInProcess(['teleport']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge: unknown command "teleport"\n',
    });
    assert.deepEqual(await mainInProcess(['dev', '--prot', '1']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge dev: unknown option --prot; did you mean --port?\n',
    });
    assert.deepEqual(await mainInProcess(['worker', 'action', '--concurency', '2']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge worker: unknown option --concurency; did you mean --concurrency?\n',
    });
    assert.deepEqual(await mainInProcess(['deploy', '--build']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge deploy: --build needs a value\n',
    });
    assert.deepEqual(await mainInProcess(['deploy', 'extra']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge deploy: unexpected argument "extra"; usage: stepforge deploy [options]\n',
    });
    assert.deepEqual(await mainInProcess(['generate', '--log', 'xml']), {
      code: 2,
      stdout: '',
      stderr: 'stepforge generate: --log must be one of pretty, json, got "xml"\n',
    });
  });
});

describe('values kept in the command files so --help loads nothing heavy', () => {
  it('the worker/run task list is the task registry', () => {
    assert.deepEqual([...TASK_NAMES].sort(), Object.keys(tasks).sort());
  });

  it("worker's --heartbeat-seconds default is the runtime's", async () => {
    const worker = definitions.find((definition) => definition.name === 'worker');
    const spec = worker?.options['heartbeat-seconds'];
    assert.equal(spec?.type === 'integer' ? spec.default : undefined, DEFAULT_HEARTBEAT_INTERVAL_SECONDS);
  });
});

describe('option declarations', () => {
  it('a one-letter alias is accepted and shown; anything else is refused when the program is built', () => {
    const option = commanderOption('port', { type: 'integer', default: 1, aliases: ['-p'], description: 'the port' });
    assert.equal(option.flags, '-p, --port <n>');
    assert.throws(() => commanderOption('port', { type: 'integer', aliases: ['--prt'], description: 'x' }), {
      message: '--port: aliases must be one short flag such as -p, got --prt',
    });
  });
});
