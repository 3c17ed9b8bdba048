// A failed drift check exits with Pulumi's code for its cause. The cause is the provider's own verdict, as
// its message states it: the same verdict gives the same code whatever the transport's detail says (a
// timeout, a refusal, a DNS failure, a port that looks like an HTTP status).
import { describe, expect, it } from "vitest";
import { QardAuthError, QardClient, type QardError } from "../../../../providers/src/qard/index.ts";
import { classifyLookupFailure } from "../../../../providers/src/resource/lookup-failure.ts";
import { nextStepAfter } from "../../../../providers/src/resource/next-step.ts";
import { errorKindOf } from "../../../../workflows/stacks/drift-check/error-kind.ts";
import { scriptedFetch, systemError, type ScriptedReply } from "../../../qard/helpers/fake-fetch.ts";

/** The error a provider read of `shopify` fails with, worded as the provider's read (runtime-v1) words it. */
async function readFailure(baseUrl: string, reply: ScriptedReply): Promise<string> {
  const client = new QardClient({
    baseUrl,
    apiKey: "test-key",
    fetch: scriptedFetch(reply).fetch,
    timeoutMs: 20,
    timeScale: 0.001,
    retry: { maxAttempts: 2 },
  });
  const error = (await client.listProviders().then(
    () => expect.unreachable("the read should fail"),
    (e: unknown) => e,
  )) as QardError;
  const settings = { baseUrl, apiUrlSetting: "qard:apiUrl", apiKeySetting: "qard:apiKey" };
  const outcome = error instanceof QardAuthError ? { kind: "skip" } : classifyLookupFailure(error, settings);
  const why =
    outcome.kind === "fail" && "reason" in outcome
      ? outcome.reason
      : `${error.message}; ${nextStepAfter(error, "the command")}`;
  return `Qard provider "shopify": ${why}`;
}

// Ports that read like HTTP statuses: a transport detail, never a status Qard answered.
const URLS = [
  "http://127.0.0.1:8787",
  "http://127.0.0.1:503",
  "http://127.0.0.1:401",
  "http://localhost:429",
];

describe("a qard:apiUrl that cannot be reached is a configuration error (2), however it fails", () => {
  it.each<[string, ScriptedReply]>([
    ["refused", { error: systemError("ECONNREFUSED") }],
    ["timed out", { hang: true }],
    ["a DNS failure", { error: systemError("ENOTFOUND", "getaddrinfo ENOTFOUND qard.invalid") }],
    ["reset", { error: systemError("ECONNRESET") }],
    ["unreachable network", { error: systemError("EHOSTUNREACH") }],
  ])("%s", async (_label, reply) => {
    for (const url of URLS) {
      const reason = await readFailure(url, reply);
      expect(reason).toContain("(qard:apiUrl)");
      expect([url, errorKindOf(reason, false)]).toEqual([url, "configuration"]);
    }
  });
});

describe("what Qard answered decides, not a number elsewhere in the text", () => {
  it.each<[string, ScriptedReply, string]>([
    ["503 for good", { status: 503, statusText: "Service Unavailable" }, "resource"],
    ["429 for good", { status: 429 }, "resource"],
    ["401", { status: 401 }, "authentication"],
    ["403", { status: 403 }, "authentication"],
    ["404 (not the Qard API)", { status: 404 }, "configuration"],
  ])("%s", async (_label, reply, kind) => {
    for (const url of URLS) {
      expect([url, errorKindOf(await readFailure(url, reply), false)]).toEqual([url, kind]);
    }
  });
});
