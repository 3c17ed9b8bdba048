/** What the request log hides, without a server. */
import { describe, expect, test } from "vitest";
import { redactBody } from "../../emulator/request-log.ts";

describe("redactBody", () => {
  test("redactBody hides a nested credentials object on any route", () => {
    expect(
      redactBody("/api/v6/users/legal", { name: "A", meta: { credentials: { x: "y" } } }, ["k"], new Set()),
    ).toEqual({
      name: "A",
      meta: { credentials: { x: "[REDACTED]" } },
    });
  });
});
