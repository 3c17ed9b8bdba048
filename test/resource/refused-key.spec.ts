// A refused key's message names the URL the key was sent to and the setting that chose it, in the same
// words as every other message about the connection (ConnectionSettings: "<url> (<setting>)").
import { describe, expect, it } from "vitest";
import { QardAuthError, QardNetworkError } from "../../providers/src/qard/errors.ts";
import {
  apiUrlFrom,
  apiUrlSettingOf,
  type ConnectionConfig,
} from "../../providers/src/resource/connection.ts";
import { classifyLookupFailure } from "../../providers/src/resource/lookup-failure.ts";
import { withKeySourceOnRefusal } from "../../providers/src/resource/refused-key.ts";

const refusal = () =>
  new QardAuthError({ method: "GET", path: "/api/v6/providers", status: 401, statusText: "", attempts: 1 });

describe("withKeySourceOnRefusal names the URL as the connection's other messages do", () => {
  it.each<[string, ConnectionConfig, NodeJS.ProcessEnv]>([
    ["qard:apiUrl", { apiUrl: "http://127.0.0.1:8787", apiKey: "k" }, {}],
    ["QARD_API_URL", { apiKey: "k" }, { QARD_API_URL: "http://127.0.0.1:9999" }],
    ["the default URL", { apiKey: "k" }, {}],
  ])("when the URL comes from %s", async (_label, config, env) => {
    const error = await withKeySourceOnRefusal(config, () => Promise.reject(refusal()), env).catch(
      (e: unknown) => e as Error,
    );
    const settings = {
      baseUrl: apiUrlFrom(config, env),
      apiUrlSetting: apiUrlSettingOf(config, env),
      apiKeySetting: "qard:apiKey",
    };
    const named = `${settings.baseUrl} (${settings.apiUrlSetting})`;
    // The words the lookup uses for the same connection when it cannot be reached.
    const unreachable = new QardNetworkError({
      method: "GET",
      path: "/api/v6/providers",
      attempts: 1,
      kind: "refused",
      description: "connection refused",
    });
    const lookup = classifyLookupFailure(unreachable, settings);
    expect(lookup.kind === "fail" ? lookup.reason : "").toContain(named);
    expect(error.message).toContain(`sent to ${named}`);
  });
});
