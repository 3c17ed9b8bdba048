/**
 * process.env is shared by every test of a file (and by the libraries they call): a test that changes it
 * puts it back in `finally` or afterAll, with the function this returns.
 */
export function setProcessEnv(variables: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  assign(variables);
  return () => assign(previous);
}

function assign(variables: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
