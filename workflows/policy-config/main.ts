// node workflows/policy-config/main.ts <pack-config.json>
// Warns (a GitHub annotation, visible in the run and the PR's checks) about each mandatory rule of policy/
// that the pack config weakens to advisory or disabled. Exit 0 after warnings: weakening can be a reviewed
// decision (CODEOWNERS guards policy/); exit 2 when the file is not a JSON object, as the CLI would refuse it.
import { readFileSync } from "node:fs";
import { printErr, printOut } from "../../cli/command-output.ts";
import { httpsApiUrl } from "../../policy/rules/https-api-url.ts";
import { productionSettingChange } from "../../policy/rules/production-setting-change.ts";
import { providerAllowList } from "../../policy/rules/provider-allow-list.ts";
import { reviewedDisable } from "../../policy/rules/reviewed-disable.ts";
import { secretsByReference } from "../../policy/rules/secrets-by-reference.ts";
import { warningAnnotation } from "./annotation.ts";
import { weakenedRules, type EnforcementLevel } from "./weakened-rules.ts";
import { isRecord, messageOf } from "@qard-iac/pulumi-qard/internal";

const RULES = [secretsByReference, reviewedDisable, httpsApiUrl, productionSettingChange, providerAllowList];

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    printErr("usage: node workflows/policy-config/main.ts <pack-config.json>");
    return 64;
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    // The parser quotes the file: outside text, printed neutralised like every command's.
    printErr(`error: ${file} is not readable JSON: ${messageOf(error)}`);
    return 2;
  }
  if (!isRecord(config)) {
    printErr(`error: ${file} must be a JSON object of rule names`);
    return 2;
  }
  const defaults = new Map(
    RULES.map((rule) => [rule.name, (rule.enforcementLevel ?? "advisory") as EnforcementLevel]),
  );
  const weakened = weakenedRules(defaults, config);
  for (const { rule, level } of weakened) {
    // The one line meant as a workflow command: its parts are escaped instead of neutralised.
    process.stdout.write(
      `${warningAnnotation(file, `${file} sets the mandatory policy ${rule} to ${level}: the pack no longer refuses what it guards`)}\n`,
    );
  }
  if (weakened.length === 0) printOut(`${file}: every mandatory policy stays mandatory`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
