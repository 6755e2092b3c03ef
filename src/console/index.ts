// The web console: Hono routes serving the bundled browser code (client/, built by build.ts).
export { consoleRoutes } from './routes.ts';
