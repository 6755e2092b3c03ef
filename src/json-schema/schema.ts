/** A JSON Schema (2020-12) as the validator takes it: the generator's input schemas and the server's route schemas. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** One way a value breaks a schema. */
export interface SchemaIssue {
  /**
   * Where, as a property access from the root's name: `body.files[0].source`, `$["a b"].n`, or `a[1]` with an empty
   * root name; the root name alone for the value itself.
   */
  readonly path: string;
  readonly message: string;
}
