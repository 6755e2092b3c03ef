/** An ASL definition the importer cannot turn into DSL source; the message names the file, state or field at fault. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
