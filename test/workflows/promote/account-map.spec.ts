import { describe, expect, it } from "vitest";
import { planAccountMapping } from "../../../workflows/promote/account-map.ts";
import { parsePromoteArgs } from "../../../workflows/promote/args.ts";
import { planPromotion } from "../../../workflows/promote/plan-promotion.ts";
import { renderPromotionMarkdown } from "../../../workflows/promote/markdown.ts";
import { renderPromotion } from "../../../workflows/promote/report.ts";
import { UsageError } from "../../../cli/usage-error.ts";

const stacks = { fromStack: "staging", toStack: "prod" };

/** The mapping from staging's accounts to prod's with these --map flags. */
const mappingOf = (sourceAccounts: string[], targetAccounts: string[], map: Record<string, string>) =>
  planAccountMapping({ ...stacks, sourceAccounts, targetAccounts, map });

describe("planAccountMapping (promote maps accounts between stacks explicitly)", () => {
  it("keeps the one-account form as it is: no accounts, no --map, nothing to map", () => {
    expect(mappingOf([], [], {})).toEqual({
      pairs: [],
      problems: [],
    });
  });

  it("pairs every source account with the target account --map names", () => {
    const mapping = mappingOf(["staging-eu", "staging-us"], ["prod-eu", "prod-us", "prod-asia"], {
      "staging-us": "prod-us",
      "staging-eu": "prod-eu",
    });
    expect(mapping).toEqual({
      pairs: [
        { from: "staging-eu", to: "prod-eu" },
        { from: "staging-us", to: "prod-us" },
      ],
      problems: [],
    });
  });

  it("refuses an unmapped account of the source, naming it and the target's accounts", () => {
    const mapping = mappingOf(["staging-eu", "staging-us"], ["prod-eu", "prod-us"], {
      "staging-eu": "prod-eu",
    });
    expect(mapping).toEqual({
      pairs: [],
      problems: [
        'account "staging-us" of staging is not mapped: add --map staging-us=<account of prod> (prod\'s accounts: prod-eu, prod-us)',
      ],
    });
  });

  it("does not map equal names by itself: an account called eu in both stacks still needs --map", () => {
    const mapping = mappingOf(["eu"], ["eu"], {});
    expect(mapping.pairs).toEqual([]);
    expect(mapping.problems).toEqual([
      'account "eu" of staging is not mapped: add --map eu=<account of prod> (prod\'s accounts: eu)',
    ]);
  });

  it("refuses a map from an account the source lacks, or to one the target does not describe", () => {
    const mapping = mappingOf(["staging-eu"], ["prod-eu"], {
      "staging-eu": "prod-e",
      "staging-asia": "prod-eu",
    });
    expect(mapping.pairs).toEqual([]);
    expect(mapping.problems).toEqual([
      '--map staging-eu=prod-e: prod has no account "prod-e" (its accounts: prod-eu); describe it in Pulumi.prod.yaml first (qard:accounts.prod-e.apiUrl and its key)',
      '--map staging-asia=prod-eu: staging has no account "staging-asia" (its accounts: staging-eu)',
    ]);
  });

  it("refuses two source accounts sent to one target account", () => {
    const mapping = mappingOf(["staging-eu", "staging-fr"], ["prod-eu"], {
      "staging-eu": "prod-eu",
      "staging-fr": "prod-eu",
    });
    expect(mapping).toEqual({
      pairs: [],
      problems: [
        '--map sends "staging-eu" and "staging-fr" to one account "prod-eu" of prod: map each account of the source to an account of its own',
      ],
    });
  });

  it("refuses stacks in different forms, and --map between two one-account stacks", () => {
    expect(mappingOf(["eu"], [], { eu: "eu" }).problems).toEqual([
      "staging describes its Qard accounts in qard:accounts and prod uses the one-account form (qard:apiUrl, qard:providers): a promotion needs both stacks in the same form",
    ]);
    expect(mappingOf([], [], { eu: "eu" }).problems).toEqual([
      "--map maps accounts of qard:accounts, and neither staging nor prod has any: run without --map",
    ]);
  });
});

describe("npm run promote --map (command line)", () => {
  const base = ["--from", "staging", "--to", "prod"];

  it("reads repeated --map flags into one map; none is an empty map", () => {
    expect(parsePromoteArgs(base).map).toEqual({});
    expect(
      parsePromoteArgs([...base, "--map", "staging-eu=prod-eu", "--map", "staging-us=prod-us"]).map,
    ).toEqual({ "staging-eu": "prod-eu", "staging-us": "prod-us" });
  });

  it.each([
    ["staging-eu", /expected <account of --from>=<account of --to>/],
    ["a=b=c", /expected <account of --from>=<account of --to>/],
    ["eu/x=prod", /the source account must be 1 to 128 letters/],
    ["eu=", /the target account must be 1 to 128 letters/],
    ["constructor=prod", /the source account is a name JavaScript objects already have/],
  ])("refuses --map %s as a usage error", (flag, message) => {
    expect(() => parsePromoteArgs([...base, "--map", flag])).toThrow(UsageError);
    expect(() => parsePromoteArgs([...base, "--map", flag])).toThrow(message);
  });

  it("refuses one source account mapped twice", () => {
    expect(() => parsePromoteArgs([...base, "--map", "eu=a", "--map", "eu=b"])).toThrow(
      /--map maps account "eu" twice/,
    );
  });
});

describe("planPromotion for one mapped account", () => {
  it("names changes <account>/<provider> and a missing credential by the account's key", () => {
    const plan = planPromotion(
      { shopify: { enabled: true, autoConnect: true }, company_legal_fr: { enabled: true } },
      { company_legal_fr: { enabled: false, account: "prod-eu" } },
      "prod",
      "prod-eu",
    );
    expect(plan.changes).toEqual([
      { provider: "prod-eu/shopify", setting: "(provider added)", from: undefined, to: expect.any(Object) },
      { provider: "prod-eu/company_legal_fr", setting: "enabled", from: false, to: true },
    ]);
    // The target's own `account` spelling is kept: only promoted keys are copied.
    expect(plan.target.company_legal_fr).toEqual({ enabled: true, account: "prod-eu" });
    expect(plan.problems).toEqual([
      "prod has no credentials for prod-eu/shopify: add qard:accounts.prod-eu.providers.shopify.credentials.secretsManager.secretId (e.g. qard/prod/prod-eu/shopify) to Pulumi.prod.yaml",
    ]);
  });
});

describe("the promotion report names the account mapping", () => {
  const report = {
    from: "staging",
    to: "prod",
    refusals: [],
    accounts: [{ from: "staging-eu", to: "prod-eu" }],
    changes: [{ provider: "prod-eu/shopify", setting: "settings.auto_connect", from: false, to: true }],
    result: { "prod-eu/shopify": { enabled: true, "settings.auto_connect": true } },
    fileWritten: true,
    applied: false,
  };

  it("in text", () => {
    const text = renderPromotion(report);
    expect(text).toContain("  Account staging-eu → prod-eu\n");
    expect(text).toContain("prod-eu/shopify  settings.auto_connect: false → true");
  });

  it("in the pull request body", () => {
    expect(renderPromotionMarkdown(report)).toContain("Accounts: `staging-eu` → `prod-eu`");
  });
});
