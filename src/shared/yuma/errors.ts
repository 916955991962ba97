// The Yuma simulator's one error class: a scenario or state it cannot run, named by field and value so the user can
// fix the input (the CLI turns it into exit code 2). Both realms, no I/O.

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly code = 'invalid_scenario';
}
