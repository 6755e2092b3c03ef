// The showcase order the runner's tests, the steps-view comparison and bench/runner.ts all start with.
import type { ShowcaseInput } from '../../../workflows/showcase.ts';

export const SHOWCASE_ORDER = {
  orderId: 'o-1',
  priority: 'standard',
  items: [
    { sku: 'a', quantity: 2 },
    { sku: 'b', quantity: 1 },
  ],
} as const satisfies ShowcaseInput;
