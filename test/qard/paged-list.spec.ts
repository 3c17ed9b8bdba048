// Lists read page by page (paged-list.ts), through QardClient.listProviders and a scripted fetch.
import { describe, expect, it } from "vitest";
import { QardResponseError } from "../../providers/src/qard/index.ts";

import { BASE, clientWith, envelope, provider } from "./helpers/scripted-client.ts";

describe("a paged list", () => {
  it("listProviders reads a bare array", async () => {
    const { client, calls } = clientWith([{ status: 200, json: [provider("a"), provider("b")] }]);
    expect((await client.listProviders()).map((p) => p.name)).toEqual(["a", "b"]);
    expect(calls).toHaveLength(1);
  });

  it("listProviders follows envelope pages until last_page", async () => {
    const { client, calls } = clientWith([
      { status: 200, json: envelope([provider("a"), provider("b")], 1, 3) },
      { status: 200, json: envelope([provider("c"), provider("d")], 2, 3) },
      { status: 200, json: envelope([provider("e")], 3, 3) },
    ]);
    expect((await client.listProviders()).map((p) => p.name)).toEqual(["a", "b", "c", "d", "e"]);
    expect(calls.map((c) => c.url)).toEqual([
      `${BASE}/api/v6/providers`,
      `${BASE}/api/v6/providers?page=2`,
      `${BASE}/api/v6/providers?page=3`,
    ]);
  });

  it("follows a last_page that grows while paging", async () => {
    const growing = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 2) },
      { status: 200, json: envelope([provider("b")], 2, 3) },
      { status: 200, json: envelope([provider("c")], 3, 3) },
    ]);
    expect((await growing.client.listProviders()).map((p) => p.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses an envelope that answers the wrong page rather than looping", async () => {
    const { client } = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 3) },
      { status: 200, json: envelope([provider("a")], 1, 3) },
    ]);
    await expect(client.listProviders()).rejects.toThrow(
      "GET /api/v6/providers?page=2: asked for page 2 but the answer is page 1",
    );
  });

  it("names the page and the item of a malformed provider in a list", async () => {
    const { client } = clientWith([
      { status: 200, json: envelope([provider("a")], 1, 2) },
      { status: 200, json: envelope([provider("b", { enabled: "yes" })], 2, 2) },
    ]);
    const error = await client.listProviders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QardResponseError);
    expect((error as Error).message).toBe(
      "GET /api/v6/providers?page=2: field `result[0].enabled` must be a boolean",
    );
  });
});
