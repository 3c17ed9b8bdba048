/**
 * The https rule has one definition (providers/src/qard/api-url.ts); the client, the program's stack config
 * and the policy pack must each accept and refuse exactly the same API URLs.
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../infra/stack-config.ts";
import { apiUrlViolation } from "../../policy/rules/https-api-url.ts";
import { QardClient } from "../../providers/src/qard/index.ts";

const API_KEY = "fake-qard-key-rule";

function clientAccepts(apiUrl: string): boolean {
  try {
    new QardClient({ baseUrl: apiUrl, apiKey: API_KEY });
    return true;
  } catch {
    return false;
  }
}

function stackConfigAccepts(apiUrl: string): boolean {
  try {
    parseStackConfig("dev", { apiUrl, providers: { company_legal_fr: {} } });
    return true;
  } catch {
    return false;
  }
}

function policyAccepts(apiUrl: string): boolean {
  return apiUrlViolation(apiUrl, "dev") === undefined;
}

describe("the https rule", () => {
  it.each([
    ["https://api.qardfinance.com", true],
    ["https://qard.internal:8443/prefix", true],
    ["http://127.0.0.1:8787", true],
    // All of 127.0.0.0/8 is this machine: the client accepted it while the config and policy refused it.
    ["http://127.0.0.2:8787", true],
    ["http://127.255.255.254", true],
    ["http://localhost:8787", true],
    ["http://LOCALHOST:8787", true],
    ["http://[::1]:8787", true],
    ["http://api.qardfinance.com", false],
    ["http://10.0.0.5:8787", false],
    ["http://128.0.0.1", false],
    ["http://127.0.0.1.example.com", false],
    ["http://localhost.example.com", false],
    ["ftp://127.0.0.1", false],
    // A user name, a password or a query would be stored and logged with the URL.
    ["https://user:pw@api.qardfinance.com", false],
    ["https://api.qardfinance.com/?token=abc", false],
    ["https://api.qardfinance.com/#frag", false],
  ])("%s: accepted = %s by the client, the stack config and the policy pack alike", (apiUrl, accepted) => {
    expect({
      client: clientAccepts(apiUrl),
      stackConfig: stackConfigAccepts(apiUrl),
      policy: policyAccepts(apiUrl),
    }).toEqual({ client: accepted, stackConfig: accepted, policy: accepted });
  });

  it("names the accepted plain-http hosts the same way in the client's and the policy's refusal", () => {
    let clientMessage = "";
    try {
      new QardClient({ baseUrl: "http://qard.internal", apiKey: API_KEY });
    } catch (error) {
      clientMessage = (error as Error).message;
    }
    const policyMessage = apiUrlViolation("http://qard.internal", "dev") ?? "";
    for (const message of [clientMessage, policyMessage]) {
      expect(message).toContain("localhost, 127.0.0.0/8 or [::1]");
    }
  });
});
