// Loading the user's own TypeScript modules (workflows, actions) from stepforge's compiled code.
export { importUserModule } from './import-user-module.ts';
