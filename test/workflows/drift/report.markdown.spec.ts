// The drift report's markdown (`npm run drift -- --markdown`) becomes the body of a GitHub issue or comment
// and the job summary. Provider and property names come from the stack file and the state, the values from
// Qard, a failure's reason from the engine: whatever they hold, a cell stays one cell, a row one row, and
// nothing becomes markup, a mention, an issue link or a workflow command.
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../workflows/stacks/drift-check/classify.ts";
import { renderJson, renderMarkdown, renderText } from "../../../workflows/drift/report.ts";
import { reportOf } from "../../../workflows/stacks/drift-check/drift-report.ts";
import { cells, codeSpanText, HOSTILE_MARKDOWN as HOSTILE } from "../../helpers/markdown-table.ts";

const findings: Finding[] = [
  ...HOSTILE.map((text): Finding => ({
    kind: "drift",
    provider: `p-${text}`,
    property: `settings.${text}`,
    old: `old ${text}`,
    new: { value: text, tags: ["<b>x</b>", "@someone"] },
  })),
  // A property added or removed has a side with no value.
  { kind: "config", provider: "@qard-iac/owners", property: "(provider added)", new: "#1 <script>" },
];
const report = reportOf("prod", "drift", findings);

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
/** What a code span shows for text: neutralised, on one line; a backslash before a pipe shows doubled. */
const shown = (value: unknown) => neutralizeOutput(show(value)).replace(/\n/g, " ");
const undouble = (text: string | undefined) =>
  text?.replace(/(\\+)(?=\|)/g, (run) => run.slice(run.length / 2));

/** The markdown with its code blocks and code spans taken out: what GitHub would interpret. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})\n[\s\S]*?\n\1$/gm, "").replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, "");
}

describe("renderMarkdown keeps hostile text inert", () => {
  const markdown = renderMarkdown(report);
  const rows = markdown.split("\n").filter((line) => line.startsWith("|"));
  const data = rows.filter((line) => !/^\| (kind|---) /.test(line));

  it("one row per finding, five cells per row", () => {
    expect(data).toHaveLength(findings.length);
    for (const row of rows) expect(cells(row), row).toHaveLength(5);
  });

  it("provider, property and both values are each one code span showing the text; no value is a dash", () => {
    const seen = data.map((row) =>
      cells(row)
        .slice(1)
        .map((cell) => (cell === " — " ? "—" : undouble(codeSpanText(cell)))),
    );
    const expected = findings.map((f) => [
      shown(f.provider),
      shown(f.property),
      f.old === undefined ? "—" : shown(f.old),
      f.new === undefined ? "—" : shown(f.new),
    ]);
    expect(seen).toEqual(expected);
  });

  it("no HTML, link, mention or issue reference outside code", () => {
    expect(outsideCode(markdown)).not.toMatch(/<|\]\(|@[\w-]|#\d|\*\*bold/);
  });

  it("no control, bidi or zero-width character, no line a runner reads as a command", () => {
    expect(markdown).not.toMatch(/[\u202e\u200b\r]/);
    expect(markdown).not.toMatch(/^\s*::/m);
  });

  it("a failure's reason is a code block that no line of it can close", () => {
    const reason = "boom\n```\n@qard-iac/owners <b>x</b> #12\n::error::forged\n\u202eend";
    const failed = renderMarkdown(reportOf("prod", "error", [], reason, "resource"));
    expect(failed).toContain(
      "````\nboom\n```\n@qard-iac/owners <b>x</b> #12\n\\::error::forged\n\\u202eend\n````",
    );
    expect(outsideCode(failed)).not.toMatch(/<|@[\w-]|#\d/);
  });
});

describe("the text report and the JSON keep the values as they are", () => {
  it("text shows names and values as given (printOut neutralises it when written)", () => {
    const text = renderText(reportOf("prod", "drift", [findings[0]!]));
    expect(text).toContain(
      'drift    p-a|b  settings.a|b: old a|b → {"value":"a|b","tags":["<b>x</b>","@someone"]}',
    );
  });

  it("JSON, neutralised as --report-json writes it, parses back to the same report", () => {
    const written = neutralizeOutput(renderJson(report));
    expect(written).not.toMatch(/[\u202e\u200b\r]/);
    expect(JSON.parse(written)).toEqual(report);
  });
});
