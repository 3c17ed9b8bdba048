// Entry point for `pulumi up` run by the official Pulumi CLI (Pulumi.yaml `main`). Workflows and tests
// run the same program through the Automation API (infra/automation/).
import { qardProgram } from "./program.ts";

export default qardProgram();
