// The Qard guardrails as a CrossGuard policy pack: `pulumi preview --policy-pack policy`, and by default
// in `npm run stack|drift|promote`. Each rule's enforcement level and options can be overridden with
// `--policy-pack-config <file>` (see docs/policy.md).
import { PolicyPack } from "@pulumi/policy";
import { withNeutralizedReports } from "./neutralized-reports.ts";
import { httpsApiUrl } from "./rules/https-api-url.ts";
import { productionSettingChange } from "./rules/production-setting-change.ts";
import { providerAllowList } from "./rules/provider-allow-list.ts";
import { reviewedDisable } from "./rules/reviewed-disable.ts";
import { secretsByReference } from "./rules/secrets-by-reference.ts";

new PolicyPack("qard-guardrails", {
  policies: [
    secretsByReference,
    reviewedDisable,
    httpsApiUrl,
    productionSettingChange,
    providerAllowList,
  ].map(withNeutralizedReports),
});
