/**
 * Every command, run as a user runs it (its own process, the Pulumi CLI underneath), when what it prints
 * comes from outside and is hostile: Qard's error messages and provider list (the emulator answers them),
 * a Secrets Manager error (moto), a provider name in the stack config. In a terminal or a GitHub Actions
 * log, none of it may arrive raw: no ESC, CR, BEL or other control, no bidi override, no line that the
 * runner would take for a workflow command. What was answered is still shown, escaped.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setStackConfig } from "../../workflows/stacks/stack.ts";
import { QardClient } from "../../providers/src/qard/index.ts";
import { createE2eStack, type E2eStack } from "../helpers/e2e-stack.ts";
import { outputSafetyProblems } from "../helpers/output-safety.ts";
import { runScript, type ScriptResult } from "../helpers/run-script.ts";

const HOSTILE =
  "\u001b]8;;https://evil.example\u0007Click\u001b]8;;\u0007 \u001b[2K\rOK\u0007\u009b31m\u202e" +
  "\n::error title=pwned::injected\n::add-mask::x\n##[warning]y";
/** How HOSTILE's start reads once neutralised: proof that it reached the output. */
const SHOWN = "\\u001b]8;;https://evil.example\\u0007Click";

const STAGING_KEY = "e2e-hostile-staging-key";
const STAGING_PROVIDERS = { company_legal_fr: { enabled: true }, sandbox_commerce: { enabled: true } };
let staging: E2eStack;
let prod: E2eStack;
let env: Record<string, string>;

beforeAll(async () => {
  staging = await createE2eStack({
    name: "hostile-staging",
    apiKey: STAGING_KEY,
    withMoto: true,
    config: () => ({ "qard:providers": STAGING_PROVIDERS }),
  });
  prod = await createE2eStack({
    name: "hostile-prod",
    apiKey: "e2e-hostile-prod-key",
    shareWith: staging,
    config: () => ({ "qard:providers": { company_legal_fr: { enabled: true } } }),
  });
  env = { ...staging.backend.env, ...staging.moto!.env };
  await staging.stack.up();
});

afterEach(async () => {
  staging.emulator.control.clearFaults();
  await setStackConfig(staging.stack, { "qard:providers": STAGING_PROVIDERS });
});

afterAll(async () => {
  await prod?.dispose();
  await staging?.dispose();
});

const run = (script: string, args: string[]) => runScript(`workflows/${script}/main.ts`, args, env);

/** Nothing unsafe on stdout or stderr; HOSTILE shown escaped (in a JSON document, once parsed). */
function expectSafeButShown(result: ScriptResult, json = false): void {
  expect({
    stdout: outputSafetyProblems(result.stdout),
    stderr: outputSafetyProblems(result.stderr),
  }).toEqual({ stdout: [], stderr: [] });
  if (json) expect(JSON.stringify(JSON.parse(result.stdout))).toContain(JSON.stringify(SHOWN).slice(1, -1));
  else expect(result.output).toContain(SHOWN);
}

/** Qard answers every matching call with an error whose message and code are HOSTILE. */
function qardErrors(method: string, path: string): void {
  staging.emulator.control.addFault({
    method,
    path,
    status: 400,
    times: 50,
    json: { error_message: HOSTILE, error_code: HOSTILE },
  });
}

describe("npm run stack", () => {
  it("up: Qard's error message on a write, as the engine prints the provider's error", async () => {
    await setStackConfig(staging.stack, {
      "qard:providers": { ...STAGING_PROVIDERS, company_legal_fr: { enabled: false } },
    });
    qardErrors("PUT", "/api/v6/providers/*");
    const result = await run("stack", ["up", "--stack", staging.stackName, "--yes"]);
    expect(result.code).toBe(1);
    expectSafeButShown(result);
  });

  it("preview: a provider name in the stack config", async () => {
    await setStackConfig(staging.stack, { "qard:providers": { [`shop${HOSTILE}`]: { enabled: true } } });
    const result = await run("stack", ["preview", "--stack", staging.stackName]);
    expect(result.code).toBe(1);
    expect(result.output).toContain("is not a provider name");
    expectSafeButShown(result);
  });

  it("preview: a Secrets Manager error about a secret with a hostile name", async () => {
    await setStackConfig(staging.stack, {
      "qard:providers": {
        ...STAGING_PROVIDERS,
        shopify: { credentials: { secretsManager: { secretId: `qard/${HOSTILE}` } } },
      },
    });
    const result = await run("stack", ["preview", "--stack", staging.stackName]);
    expect(result.code).toBe(1);
    expectSafeButShown(result);
  });
});

describe("npm run drift", () => {
  it.each([[[]], [["--json"]], [["--markdown"]]])(
    "%j: Qard's error message while refreshing",
    async (flags) => {
      qardErrors("GET", "/api/v6/providers*");
      const result = await run("drift", ["--stack", staging.stackName, ...flags]);
      expect(result.code).toBe(1);
      expectSafeButShown(result, flags.includes("--json"));
      if (flags.includes("--json")) {
        // Still a JSON document, whose error reads as the text report shows it.
        expect((JSON.parse(result.stdout) as { error: string }).error).toContain(SHOWN);
      }
    },
  );
});

describe("npm run import", () => {
  it("provider names from Qard's own list", async () => {
    const provider = {
      logo_url: "https://static.qard.invalid/p.svg",
      enabled: true,
      available: true,
      unique: false,
      auth_required: false,
      settings: [],
      credentials_config: [],
      data_types: [],
    };
    staging.emulator.control.addFault({
      method: "GET",
      path: "/api/v6/providers",
      json: [
        { ...provider, name: HOSTILE },
        { ...provider, name: "::error::pwned" },
        { ...provider, name: "company_legal_fr" },
      ],
    });
    const result = await run("import", ["--stack", staging.stackName, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Not imported, not a name the stack config accepts");
    expectSafeButShown(result);
  });
});

describe("npm run verify", () => {
  it("Qard's error message about the user", async () => {
    const client = new QardClient({ baseUrl: staging.emulator.baseUrl, apiKey: STAGING_KEY });
    const { id } = await client.createLegalUser({ name: "Hostile SAS" });
    qardErrors("GET", "/api/v6/users/*");
    const result = await run("verify", [
      "--stack",
      staging.stackName,
      "--user",
      id,
      "--provider",
      "sandbox_commerce",
    ]);
    expect(result.code).toBe(1);
    expectSafeButShown(result);
  });
});

describe("npm run promote", () => {
  it.each([[[]], [["--json"]], [["--markdown"]]])(
    "%j: Qard's error message in the source's drift check",
    async (flags) => {
      qardErrors("GET", "/api/v6/providers*");
      const result = await run("promote", ["--from", staging.stackName, "--to", prod.stackName, ...flags]);
      expect(result.code).toBe(1);
      expect(result.output).toContain(`the drift check of ${staging.stackName} failed`);
      expectSafeButShown(result, flags.includes("--json"));
    },
  );
});
