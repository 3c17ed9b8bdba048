import { describe, expect, it } from "vitest";
import { waitUntil } from "./wait-until.ts";

describe("waitUntil", () => {
  it("returns the first value the condition accepts, reading no further", async () => {
    const values = [1, 2, 3, 4];
    let reads = 0;
    const value = await waitUntil(
      "a value above 2",
      () => values[reads++],
      (n) => n !== undefined && n > 2,
      { intervalMs: 0 },
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it("past the deadline, names what never happened and the last value read", async () => {
    await expect(
      waitUntil(
        "the sync to succeed",
        async () => ({ status: "QUEUED" }),
        (sync) => sync.status === "SUCCESS",
        {
          timeoutMs: 0,
        },
      ),
    ).rejects.toThrow('Gave up after 0 ms waiting for the sync to succeed; last value: {"status":"QUEUED"}');
  });

  it("lets a failing read end the wait with the read's own error", async () => {
    await expect(
      waitUntil(
        "a server to answer",
        () => Promise.reject(new Error("the server exited with 1")),
        () => true,
      ),
    ).rejects.toThrow("the server exited with 1");
  });
});
