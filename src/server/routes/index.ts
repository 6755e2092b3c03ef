export { readRequest } from './read-request.ts';
export { jsonResponse, type ParameterSpec, type ResponseSpec, type RouteDefinition, type RouteDeps, type RouteInput } from './route.ts';
export { ROUTES } from './table.ts';
