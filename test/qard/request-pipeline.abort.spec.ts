/** Cancelling a run (its AbortSignal fires) stops a call at once: the request in flight and any retry wait. */
import { describe, expect, it } from "vitest";
import { QardClient, QardConfigError, QardNetworkError } from "../../providers/src/qard/index.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { callsTo, startEmulatorForClientSuite } from "./helpers/emulator.ts";

const PROVIDERS = "/api/v6/providers";

describe("an aborted call", () => {
  const emulator = startEmulatorForClientSuite();

  it("stops a request that hangs, without waiting for its timeout or retrying", async () => {
    emulator.control.addFault({ method: "GET", path: PROVIDERS, hang: true, times: 5 });
    const controller = new AbortController();
    // A timeout far beyond the test's own: only the abort can end this call.
    const client = emulator.client({ signal: controller.signal, timeoutMs: 600_000 });
    const pending = client.listProviders().catch((e: unknown) => e);
    await waitUntil(
      "the hanging GET to reach the emulator",
      () => callsTo(emulator.control, "GET", PROVIDERS).length,
      (count) => count === 1,
    );
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(QardNetworkError);
    expect(error).toMatchObject({ kind: "aborted", attempts: 1 });
    expect((error as Error).message).toBe(
      `GET ${PROVIDERS}: cancelled before an answer was received (1 attempt)`,
    );
  });

  it("stops during the wait before a retry and sends nothing more", async () => {
    emulator.control.addFault({ method: "GET", path: PROVIDERS, status: 503, retryAfter: "600" });
    const controller = new AbortController();
    const client = emulator.client({
      signal: controller.signal,
      timeScale: 1,
      retry: { budgetMs: 900_000 },
      // Once the 503 is in, abort from a timer: the 600 s wait before the retry has begun by then.
      onRequest: (event) => {
        if (event.status === 503) setTimeout(() => controller.abort(), 0);
      },
    });
    const pending = client.listProviders().catch((e: unknown) => e);
    expect(await pending).toMatchObject({ kind: "aborted", attempts: 2 });
    expect(callsTo(emulator.control, "GET", PROVIDERS)).toHaveLength(1);
  });

  it("sends nothing when the signal has already fired", async () => {
    const client = emulator.client({ signal: AbortSignal.abort() });
    await expect(client.setEnabled("shopify", true)).rejects.toMatchObject({ kind: "aborted" });
    expect(emulator.control.requests()).toEqual([]);
  });

  it("refuses a signal that is not an AbortSignal", () => {
    expect(
      () => new QardClient({ baseUrl: emulator.baseUrl, apiKey: "k", signal: {} as AbortSignal }),
    ).toThrow(QardConfigError);
  });
});
