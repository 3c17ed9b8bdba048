import { beforeEach, describe, expect, test } from "vitest";
import { parseFaultSpec } from "../../emulator/faults.ts";
import { call, startTestEmulator } from "../helpers/emulator.ts";

const emulator = startTestEmulator();

beforeEach(() => emulator.control.reset());

describe("echoing faults", () => {
  test("quote the request body in the error message, PHP-style (escaped / and non-ASCII)", async () => {
    emulator.control.addFault({ path: "/api/v6/providers/shopify/credentials", status: 422, echo: "body" });
    const answer = await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", {
      body: { credentials: { client_id: "a/b", client_secret: "é" } },
    });
    expect(answer.status).toBe(422);
    expect((answer.json as { error_message: string }).error_message).toBe(
      'Emulated fault: status 422. Rejected request body: {"credentials":{"client_id":"a\\/b","client_secret":"\\u00e9"}}',
    );
  });

  test("quote the credentials Qard holds for the provider in the path", async () => {
    await call(emulator, "PUT", "/api/v6/providers/shopify/credentials", {
      body: { credentials: { client_id: "held-id", client_secret: "held-secret" } },
    });
    emulator.control.addFault({ path: "/api/v6/providers/shopify", status: 422, echo: "credentials" });
    const answer = await call(emulator, "PUT", "/api/v6/providers/shopify", { body: { enable: true } });
    expect((answer.json as { error_message: string }).error_message).toContain(
      '{"client_id":"held-id","client_secret":"held-secret"}',
    );
  });

  test("need a status and a known kind", () => {
    expect(() => parseFaultSpec({ path: "/x", echo: "body" })).toThrow(/give status too/);
    expect(() => parseFaultSpec({ path: "/x", status: 422, echo: "headers" })).toThrow(
      /one of: body, credentials/,
    );
  });
});

describe("settings replace mode", () => {
  test("a settings PUT resets the settings it does not name; merge (the default) keeps them", async () => {
    const put = (body: Record<string, boolean>) =>
      call(emulator, "PUT", "/api/v6/providers/comply_cube/settings", { body });
    const current = async () =>
      ((await call(emulator, "GET", "/api/v6/providers")).json as Record<string, unknown>[]).find(
        (p) => p.name === "comply_cube",
      );
    await put({ officers_check: true, background_check_nodes_check: true });
    await put({ officers_check: false });
    expect(await current()).toMatchObject({ officers_check: false, background_check_nodes_check: true });
    emulator.control.setShapes({ settings: "replace" });
    await put({ officers_check: true });
    expect(await current()).toMatchObject({ officers_check: true, background_check_nodes_check: false });
  });
});
