/** The one neutraliser of external text (providers/src/neutralize-output.ts) and the commands' streamed output. */
import { describe, expect, it } from "vitest";
import { neutralizeOutput } from "../../providers/src/neutralize-output.ts";
import { streamedOutput } from "../../cli/command-output.ts";
import { outputSafetyProblems } from "../helpers/output-safety.ts";

const ESC = "\u001b";
const HOSTILE: [string, string][] = [
  ["a colour and a screen clear", `${ESC}[31mred${ESC}[0m ${ESC}[2J`],
  ["an OSC 8 link", `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`],
  ["an OSC title ended by BEL", `${ESC}]0;pwned\u0007`],
  ["a CR that overwrites the line", "shopify\rOK: nothing to see"],
  ["C1 controls (CSI, OSC, NEL)", "\u009b31m \u009d0;x\u009c \u0085"],
  ["NUL, backspace, vertical tab, DEL", "a\u0000b\u0008c\u000bd\u007f"],
  ["bidi overrides and isolates", "\u202eelif\u202c \u2066x\u2069 \u200f"],
  ["zero-width characters and a BOM", "sho\u200bp\u200dify\ufeff"],
  ["line and paragraph separators", "a\u2028b\u2029c"],
  ["a lone surrogate", "x\ud800y"],
  ["a workflow command", "::error file=a,line=1::pwned"],
  ["an indented workflow command", "   ::add-mask::value"],
  ["a workflow command after a line break", "fine\n::stop-commands::token"],
  ["a workflow command after a CR", "fine\r::warning::pwned"],
  ["the old command syntax", "##[error]pwned"],
];

describe("neutralizeOutput", () => {
  it.each(HOSTILE)("leaves nothing unsafe from %s", (_what, text) => {
    expect(outputSafetyProblems(neutralizeOutput(text))).toEqual([]);
    expect(outputSafetyProblems(text)).not.toEqual([]);
  });

  it("shows what it escaped, so a reader still sees it", () => {
    expect(neutralizeOutput(`${ESC}[31mred\r\u202e`)).toBe("\\u001b[31mred\\u000d\\u202e");
    expect(neutralizeOutput("ok\n  ::error::x\n##[warning]y")).toBe("ok\n  \\::error::x\n\\##[warning]y");
  });

  it("keeps tabs, line breaks, accents, other scripts and emoji", () => {
    const text = "name\tvalue\nsociété 日本語 😀 ::not at the start";
    expect(neutralizeOutput(text)).toBe(text);
  });

  it("is idempotent", () => {
    for (const [, text] of HOSTILE) {
      const once = neutralizeOutput(text);
      expect(neutralizeOutput(once)).toBe(once);
    }
  });

  it("keeps JSON valid and its values unchanged (C1 and bidi become JSON escapes)", () => {
    const value = Object.fromEntries(HOSTILE);
    const printed = neutralizeOutput(JSON.stringify(value, null, 2));
    expect(outputSafetyProblems(printed)).toEqual([]);
    expect(JSON.parse(printed)).toEqual(value);
  });
});

describe("streamedOutput (the engine's output, in chunks)", () => {
  function streamed(chunks: string[]): string {
    const written: string[] = [];
    const output = streamedOutput((text) => written.push(text));
    for (const chunk of chunks) output.write(chunk);
    output.flush();
    return written.join("");
  }

  it("recognises a workflow command whose line start is in another chunk", () => {
    const text = streamed(["Updating (dev)\n:", ":error::pwned\n  ", "  ::warning::x", "\ndone"]);
    expect(outputSafetyProblems(text)).toEqual([]);
    expect(text).toBe("Updating (dev)\n\\::error::pwned\n    \\::warning::x\ndone");
  });

  it("passes ordinary output through unchanged, unfinished last line included", () => {
    expect(streamed(["a\nb", "c\n", "d"])).toBe("a\nbc\nd");
  });
});
