import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { optionsFromArgs } from "../../emulator/main.ts";

const MAIN = fileURLToPath(new URL("../../emulator/main.ts", import.meta.url));

describe("optionsFromArgs", () => {
  test("maps every flag, repeating --api-key", () => {
    expect(
      optionsFromArgs([
        "--port",
        "8787",
        "--host",
        "127.0.0.1",
        "--state-file",
        "state.json",
        "--api-key",
        "a",
        "--api-key",
        "b",
        "--sync-delay-ms",
        "50",
      ]),
    ).toEqual({
      port: 8787,
      host: "127.0.0.1",
      stateFile: "state.json",
      apiKeys: ["a", "b"],
      syncDelayMs: 50,
    });
  });

  test("gives no option for flags not given, so the defaults apply", () => {
    expect(optionsFromArgs([])).toEqual({});
  });

  test("refuses a malformed number and an unknown flag", () => {
    expect(() => optionsFromArgs(["--port", "eighty"])).toThrow(/--port must be a non-negative integer/);
    expect(() => optionsFromArgs(["--verbose"])).toThrow();
  });
});

test("the CLI prints its address, serves the API and exits cleanly on SIGTERM", async () => {
  const child = spawn(process.execPath, [MAIN, "--port", "0", "--api-key", "cli-key"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const [chunk] = (await once(child.stdout, "data")) as [Buffer];
    const match = /Qard emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
    expect(match).not.toBeNull();
    const baseUrl = match?.[1] ?? "";
    const ok = await fetch(`${baseUrl}/api/v6/providers/shopify`, { headers: { "x-api-key": "cli-key" } });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${baseUrl}/api/v6/providers/shopify`, {
      headers: { "x-api-key": "emulator-key" },
    });
    expect(refused.status).toBe(401);
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});
