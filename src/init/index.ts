// `stepforge init`: a new project that depends on the stepforge package, from the files in templates/init/.
export { InitError } from './init-error.ts';
export { type InitOptions, type InitResult, initProject } from './init-project.ts';
export { packageNameFor, projectManifest } from './project-manifest.ts';
