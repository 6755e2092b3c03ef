// Proves the runner's typed-mock claims (test/testing/type-claims.ts) the way test/dsl proves the DSL's.
import { proveTypeClaims } from '../support/type-claims.ts';

proveTypeClaims('runner typed mocks', 'test/testing/type-claims.ts', 15);
