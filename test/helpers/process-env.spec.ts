import { describe, expect, it } from "vitest";
import { setProcessEnv } from "./process-env.ts";

describe("setProcessEnv", () => {
  it("sets and unsets variables, and puts back exactly what was there", () => {
    const restore = setProcessEnv({ QARD_TEST_SET: "before", QARD_TEST_UNSET: undefined });
    try {
      const restoreInner = setProcessEnv({ QARD_TEST_SET: "during", QARD_TEST_UNSET: "added" });
      expect(process.env.QARD_TEST_SET).toBe("during");
      expect(process.env.QARD_TEST_UNSET).toBe("added");
      restoreInner();
      expect(process.env.QARD_TEST_SET).toBe("before");
      expect("QARD_TEST_UNSET" in process.env).toBe(false);
    } finally {
      restore();
    }
    expect("QARD_TEST_SET" in process.env).toBe(false);
  });
});
