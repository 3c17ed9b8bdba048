// Entry point for `pulumi up` run by the official Pulumi CLI (Pulumi.yaml `main`). Workflows and tests
// run the same program through the Automation API (workflows/stacks/stack.ts).
import { qardProgram } from "./program.ts";

// The function itself, not its promise: Pulumi calls it and handles its rejection at once. A promise made
// at import time rejects before anyone listens, and Node then prints a PromiseRejectionHandledWarning.
export default qardProgram;
