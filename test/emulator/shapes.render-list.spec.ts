/** How a list answer is shaped, without a server. */
import { describe, expect, test } from "vitest";
import { DEFAULT_SHAPES, renderList } from "../../emulator/shapes.ts";

describe("renderList", () => {
  test("renderList leaves a bare array alone and pages an envelope", () => {
    const items = [1, 2, 3];
    expect(renderList(DEFAULT_SHAPES, items, new URLSearchParams("page=2"))).toBe(items);
    expect(
      renderList({ ...DEFAULT_SHAPES, list: "envelope" }, items, new URLSearchParams("page=2&per_page=2")),
    ).toEqual({ result: [3], total: 3, per_page: 2, current_page: 2, last_page: 2 });
  });
});
