// The Qard guardrails as a CrossGuard policy pack: `pulumi preview --policy-pack policy`, and by default
// in `npm run stack|drift|promote`. Each rule's enforcement level and options can be overridden with
// `--policy-pack-config <file>` (see README, "Policy pack").
import { PolicyPack } from "@pulumi/policy";
import { withNeutralizedReports } from "./neutralized-reports.ts";
import { POLICIES } from "./policies.ts";

new PolicyPack("qard-guardrails", { policies: POLICIES.map(withNeutralizedReports) });
