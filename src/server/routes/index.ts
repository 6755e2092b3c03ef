export { readRequest } from './read-request.ts';
export {
  defineRoute,
  jsonResponse,
  type ParameterSpec,
  type ResponseSpec,
  type RouteDefinition,
  type RouteDeps,
  type RouteInput,
} from './route.ts';
export { createStartsInFlight } from './starts-in-flight.ts';
export { ROUTES } from './table.ts';
