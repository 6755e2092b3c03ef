import YAML from 'yaml';
import type { JsonValue } from '../asl/json.ts';

/** 2-space JSON with a trailing newline: the form every JSON file in build/ takes. */
export function toJsonText(value: JsonValue | object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** YAML that is stable across runs and never folds a line (a folded JSONata expression would read differently). */
export function toYamlText(value: JsonValue | object): string {
  return YAML.stringify(value, { indent: 2, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
