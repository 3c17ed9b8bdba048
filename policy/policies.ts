// The pack's rules, in one list: the pack registers them, and the pipelines' config check reads their
// default enforcement levels.
import { httpsApiUrl } from "./rules/https-api-url.ts";
import { productionSettingChange } from "./rules/production-setting-change.ts";
import { providerAllowList } from "./rules/provider-allow-list.ts";
import { reviewedDisable } from "./rules/reviewed-disable.ts";
import { secretsByReference } from "./rules/secrets-by-reference.ts";

export const POLICIES = [
  secretsByReference,
  reviewedDisable,
  httpsApiUrl,
  productionSettingChange,
  providerAllowList,
];
