// The console's entry point (bundled by src/console/build.ts into assets.generated.ts).
import { startRouter } from './router.ts';

startRouter(document.querySelector('main')!);
