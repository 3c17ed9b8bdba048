/** Which request a fault matches and how often, without a server. */
import { describe, expect, test } from "vitest";
import { faultMatches, FaultTable } from "../../emulator/faults.ts";

describe("faults", () => {
  test("match exact paths, prefixes and methods", () => {
    expect(faultMatches({ path: "/a/*" }, "GET", "/a/b")).toBe(true);
    expect(faultMatches({ path: "/a/*" }, "GET", "/ab")).toBe(false);
    expect(faultMatches({ path: "/a" }, "GET", "/a/b")).toBe(false);
    expect(faultMatches({ path: "/a", method: "PUT" }, "GET", "/a")).toBe(false);
  });

  test("are used up after `times` matches", () => {
    const table = new FaultTable();
    table.add({ path: "/a", status: 503, times: 2 });
    expect(
      [table.take("GET", "/a"), table.take("GET", "/a"), table.take("GET", "/a")].map((f) => f?.status),
    ).toEqual([503, 503, undefined]);
  });
});
