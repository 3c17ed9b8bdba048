/**
 * `npm run verify -- --user ..` (or `--connection ..`) would make `GET /api/v6/users/../sync/latest`, which
 * the URL parser turns into another endpoint. Such ids are usage errors: exit 64, a message naming the
 * flag, and nothing read or sent.
 */
import { afterEach, describe, expect, it } from "vitest";
import { EXIT_USAGE } from "../../../cli/usage-error.ts";
import { runVerifyCli } from "../../../workflows/verify/run-verify-cli.ts";
import { startTestEmulator } from "../../helpers/emulator.ts";
import { outputSafetyProblems } from "../../helpers/output-safety.ts";
import { runScript } from "../../helpers/run-script.ts";
import { API_KEY } from "./verify-fixtures.ts";

const emulator = startTestEmulator({ apiKeys: [API_KEY] });
afterEach(() => emulator.control.reset());

const CASES: [string, string][] = [
  ["--user", ".."],
  ["--user", "."],
  ["--user", "u1/../.."],
  ["--user", "%2e%2e"],
  ["--user", "u1\u001b[2J"],
  ["--connection", ".."],
  ["--connection", "c1/sync"],
  ["--provider", ".."],
  ["--provider", "shopify\r::error::x"],
];

function argvWith(flag: string, value: string): string[] {
  const argv = ["--stack", "staging", "--user", "u1", "--provider", "sandbox_commerce"];
  const at = argv.indexOf(flag);
  if (at >= 0) argv[at + 1] = value;
  else argv.push(flag, value);
  return argv;
}

describe("verify refuses an id that is not one path segment", () => {
  it.each(CASES)(
    "%s %j: exit 64 naming the flag; the stack is not read and nothing is sent",
    async (flag, value) => {
      const err: string[] = [];
      let connectionRead = false;
      const code = await runVerifyCli({
        argv: argvWith(flag, value),
        env: {},
        out: () => undefined,
        err: (text) => err.push(text),
        readConnection: async () => {
          connectionRead = true;
          return { baseUrl: emulator.baseUrl, apiKey: API_KEY };
        },
        pollIntervalMs: 10,
      });
      expect(code).toBe(EXIT_USAGE);
      expect(err.join("\n")).toMatch(new RegExp(`^error: ${flag} ".*" is not `));
      expect(outputSafetyProblems(err.join("\n"))).toEqual([]);
      expect(connectionRead).toBe(false);
      expect(emulator.control.requests()).toEqual([]);
    },
  );

  it("as a process: `--user ..` exits 64 with the message and the usage", async () => {
    const result = await runScript("workflows/verify/main.ts", ["--stack", "staging", "--user", ".."], {});
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toContain(`error: --user ".." is not a Qard user id: it must be 1 to 128 letters`);
    expect(result.stderr).toContain("Usage: npm run verify");
    expect(result.stdout).toBe("");
  });
});
