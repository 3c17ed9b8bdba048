import { describe, expect, it } from "vitest";
import { inStackTerms } from "../../providers/src/resource/stack-terms.ts";

describe("inStackTerms", () => {
  it("names the stack settings instead of the client's options", () => {
    expect(inStackTerms("connection refused by 127.0.0.1:1; check baseUrl and that the server is up")).toBe(
      "connection refused by 127.0.0.1:1; check qard:apiUrl and that the server is up",
    );
    expect(inStackTerms("Check that apiKey is a valid Qard API key for this base URL.")).toBe(
      "Check that qard:apiKey is a valid Qard API key for this base URL.",
    );
    expect(inStackTerms("Point qard:apiUrl (baseUrl) at the Qard API itself")).toBe(
      "Point qard:apiUrl at the Qard API itself",
    );
  });

  it("leaves settings already named, and longer names, alone", () => {
    const text = "qard:apiKey, qard:apiKeySecretId, QARD_API_KEY, qard:apiUrl";
    expect(inStackTerms(text)).toBe(text);
  });
});
