// The JSON shapes `toAsl()` returns: plain data, safe to JSON.stringify, with no DSL objects left inside.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type QueryLanguage = 'JSONPath' | 'JSONata';

export type AslStateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export type AslState = { Type: AslStateType } & JsonObject;

/** A state machine, a Parallel branch or a Map processor: `StartAt` plus `States`. */
export type AslGraph = { StartAt: string; States: { [name: string]: AslState } } & JsonObject;

export type AslStateMachine = AslGraph;
