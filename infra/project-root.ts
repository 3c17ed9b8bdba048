import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the Pulumi project folder and the cwd the dynamic provider resolves modules from. */
export function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
}
