/** `stepforge init` cannot scaffold where it was asked (the CLI exits 2: the user picks another folder). */
export class InitError extends Error {
  override readonly name = 'InitError';
}
