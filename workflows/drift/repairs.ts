import type { Finding, FindingKind } from "../stacks/drift-check/classify.ts";

// Which command repairs each kind of finding. A plain `pulumi up` cannot see drift (the state still holds
// the value Qard had before someone changed it), so drift needs the refresh; `--refresh` repairs all three.
const REPAIRS: Record<FindingKind, string> = {
  drift: "`pulumi up --refresh` puts Qard back to the stack (a plain `pulumi up` does not see it)",
  config: "`pulumi up` applies the config",
  rotation: "`pulumi up` sends the new secret version to Qard",
};

/**
 * One line per kind found, in the order drift, config, rotation, when more than one kind is found: the
 * headline names only the highest-ranked one, and each kind is repaired by its own command.
 */
export function repairLines(findings: readonly Finding[]): string[] {
  const kinds = (Object.keys(REPAIRS) as FindingKind[]).filter((kind) =>
    findings.some((finding) => finding.kind === kind),
  );
  if (kinds.length < 2) return [];
  return [
    ...kinds.map((kind) => `${kind}: ${REPAIRS[kind]}`),
    "`pulumi up --refresh` repairs them all in one run.",
  ];
}
