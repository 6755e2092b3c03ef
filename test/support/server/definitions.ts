/** A Map over `$.items` whose iterations are one Pass each; `then` is the state after it (or the end). */
export function mapOfPass(then?: { readonly name: string; readonly state: object }): object {
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Echo',
          States: { Echo: { Type: 'Pass', End: true } },
        },
        ...(then ? { Next: then.name } : { End: true }),
      },
      ...(then ? { [then.name]: then.state } : {}),
    },
  };
}
