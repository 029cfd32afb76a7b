/**
 * `@tvox-connector/create-adapter`: scaffolds a new channel adapter package, standalone or in the
 * tvox-connector repository, whose conformance suite runs red until its author writes the
 * network's logic. The `create-tvox-adapter` command (`npm init @tvox-connector/adapter <name>`)
 * and the CLI's `tvox-connector new-adapter` call {@link scaffoldAdapter}.
 */
export {
  TEMPLATES_DIRECTORY,
  scaffoldAdapter,
  type ScaffoldOptions,
  type ScaffoldResult,
} from './scaffold-adapter.js';
export { AdapterName, nameForms, type NameForms } from './adapter-names.js';
export { AdapterLayout, defaultAdapterDirectory, findRepositoryRoot } from './adapter-layout.js';
export { PackageName, defaultPackageName } from './package-name.js';
export { nextSteps } from './next-steps.js';
