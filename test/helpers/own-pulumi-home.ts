import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Gives this process, and every process it starts from now on, a PULUMI_HOME of its own in the temporary
 * folder; the function returned removes it. Why: the Pulumi CLI logs every command under $PULUMI_HOME/logs
 * and lists and stats every log there at each start, to rotate them; with the 53,000 logs that earlier runs
 * had left in ~/.pulumi/logs, `pulumi version` took 0.42 s of CPU instead of 0.11 s. The suite (about 1,300
 * logs a run) and the bench neither fill the user's ~/.pulumi nor pay for what it holds. Nothing else is
 * needed from it (backends come from PULUMI_BACKEND_URL, plugins from .tools/bin).
 */
export function useOwnPulumiHome(): () => void {
  const home = mkdtempSync(path.join(tmpdir(), "qard-pulumi-home-"));
  process.env.PULUMI_HOME = home;
  return () => rmSync(home, { recursive: true, force: true });
}
