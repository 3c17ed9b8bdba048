/** Route patterns, without a server. */
import { describe, expect, test } from "vitest";
import { matchPattern } from "../../emulator/router.ts";

describe("matchPattern", () => {
  test("matchPattern extracts decoded parameters and tolerates a trailing slash", () => {
    expect(matchPattern("/p/{name}/credentials", "/p/sh%20op/credentials/")).toEqual({ name: "sh op" });
    expect(matchPattern("/p/{name}", "/p/")).toBeUndefined();
  });
});
