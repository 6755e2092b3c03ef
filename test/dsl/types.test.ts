// Proves the DSL's type claims: test/dsl/type-claims.ts must type-check with every `@ts-expect-error` needed (an
// unused one is an error), and with the directives removed each claimed line must fail to compile.
import { proveTypeClaims } from '../support/type-claims.ts';

proveTypeClaims('DSL type claims', 'test/dsl/type-claims.ts', 20);
