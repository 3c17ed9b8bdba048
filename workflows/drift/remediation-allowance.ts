import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { stackFilePath } from "../promote/stack-file.ts";
import { REMEDIABLE_CLASSES, type RemediableClass } from "./plan-remediation.ts";

const KEY = "qard:driftRemediation";

/** What `qard:driftRemediation` in the stack file allows; none when it is absent. Read without decrypting. */
export async function readRemediationAllowance(stack: string): Promise<Set<RemediableClass>> {
  const file = stackFilePath(stack);
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  });
  const value: unknown = parseDocument(text).toJS()?.config?.[KEY];
  return remediationAllowanceOf(value, path.basename(file));
}

/** Validates the setting's value; the error names the key, the file and the values it takes. */
export function remediationAllowanceOf(value: unknown, file: string): Set<RemediableClass> {
  if (value === undefined || value === null) return new Set();
  const known = new Set<string>(REMEDIABLE_CLASSES);
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && known.has(item))) {
    throw new Error(
      `${file}: ${KEY} must be a list of ${REMEDIABLE_CLASSES.join(", ")} ` +
        `(credentials and disabling are never remediated), e.g. \`pulumi config set --path '${KEY}[0]' enabled\``,
    );
  }
  return new Set(value as RemediableClass[]);
}
