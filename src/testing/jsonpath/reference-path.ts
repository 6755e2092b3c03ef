// ResultPath is a reference path: it names one node by names and indexes only, and writing there creates the
// objects on the way (the input is copied, never changed in place).
import { StatesError, STATES } from '../errors.ts';
import { cloneJson, isJsonObject, type JsonValue } from '../json.ts';
import { parsePath } from './parse.ts';

/** The input with `value` placed at `path` (`$` replaces it whole). */
export function placeAt(input: JsonValue, path: string, value: JsonValue): JsonValue {
  const parsed = parsePath(path);
  if (!parsed.definite)
    throw new StatesError(STATES.Runtime, `Invalid ResultPath '${path}': a reference path must name a single node`);
  if (parsed.segments.length === 0) return value;
  const root = cloneJson(input);
  let node: JsonValue = root;
  parsed.segments.forEach((segment, at) => {
    const last = at === parsed.segments.length - 1;
    if (segment.kind === 'name') {
      if (!isJsonObject(node)) throw unplaceable(path, input);
      if (last) node[segment.name] = value;
      else {
        if (!isJsonObject(node[segment.name]) && !Array.isArray(node[segment.name])) node[segment.name] = {};
        node = node[segment.name] as JsonValue;
      }
    } else if (segment.kind === 'index') {
      if (!Array.isArray(node) || node.at(segment.index) === undefined) throw unplaceable(path, input);
      const index = segment.index < 0 ? node.length + segment.index : segment.index;
      if (last) node[index] = value;
      else node = node[index] as JsonValue;
    }
  });
  return root;
}

function unplaceable(path: string, input: JsonValue): StatesError {
  return new StatesError(STATES.Runtime, `Unable to apply ReferencePath ${path} to input ${JSON.stringify(input)}`);
}
