// The remediation record is posted as a GitHub comment (remediation.md) and kept as an artifact
// (remediation.json). Its provider and property names come from the stack file and the state: whatever
// they hold, a cell stays one cell, a row one row, and nothing becomes markup, a mention or a workflow command.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../../workflows/stacks/drift-check/classify.ts";
import {
  hasAnythingToRecord,
  renderRecordMarkdown,
  writeRecord,
  type RemediationRecord,
} from "../../../workflows/drift/remediate.ts";
import { cells, codeSpanText, HOSTILE_MARKDOWN as HOSTILE } from "../../helpers/markdown-table.ts";

const finding = (text: string): Finding => ({
  kind: "drift",
  provider: `p-${text}`,
  property: `settings.${text}`,
  old: true,
  new: false,
});

const record: RemediationRecord = {
  stack: "prod",
  allowed: ["settings"],
  providers: HOSTILE.map((text) => `p-${text}`),
  attempted: HOSTILE.map(finding),
  repaired: HOSTILE.map(finding),
  left: [finding("left|over")],
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("renderRecordMarkdown keeps hostile names inert", () => {
  const markdown = renderRecordMarkdown(record);
  const rows = markdown.split("\n").filter((line) => line.startsWith("|"));
  const data = rows.filter((line) => !/^\| (kind|---) /.test(line));

  it("one row per finding, three cells per row", () => {
    expect(data).toHaveLength(record.repaired.length + record.left.length);
    for (const row of rows) expect(cells(row), row).toHaveLength(3);
  });

  it("each name is one code span showing the name, neutralised, on one line", () => {
    const shown = data.map((row) => cells(row).slice(1).map(codeSpanText));
    const expected = [...record.repaired, ...record.left].map((f) =>
      [f.provider, f.property].map((text) => neutralizeOutput(text).replace(/\n/g, " ")),
    );
    // A backslash right before a pipe shows doubled: the one case where escaping shows.
    const undouble = (text: string | undefined) => text?.replace(/\\\\\|/g, "\\|");
    expect(shown.map((pair) => pair.map(undouble))).toEqual(expected);
  });

  it("no control, bidi or zero-width character, no line a runner reads as a command", () => {
    expect(markdown).not.toMatch(/[\u202e\u200b\r]/);
    expect(markdown).not.toMatch(/^\s*::/m);
  });

  it("a failure's reason is a code block that no line of it can close", () => {
    const failed = renderRecordMarkdown({
      ...record,
      repaired: [],
      error: "boom\n```\n@qard-iac/owners <b>x</b>\n::error::forged",
      errorKind: "resource",
    });
    expect(failed).toContain("**Attempted, not repaired**: 14");
    expect(failed).toContain("**Remediation failed** (resource, exit 4):");
    expect(failed).toContain("````\nboom\n```\n@qard-iac/owners <b>x</b>\n\\::error::forged\n````");
  });
});

describe("writeRecord", () => {
  it("writes JSON with the same values and no raw control or bidi character", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "record-"));
    dirs.push(dir);
    writeRecord(path.join(dir, "r"), record);
    const json = readFileSync(path.join(dir, "r.json"), "utf8");
    expect(json).not.toMatch(/[\u202e\u200b]/);
    expect(JSON.parse(json)).toEqual(record);
    expect(readFileSync(path.join(dir, "r.md"), "utf8")).toBe(`${renderRecordMarkdown(record)}\n`);
  });
});

describe("hasAnythingToRecord: the record is written only when it says something", () => {
  const nothing: RemediationRecord = {
    stack: "prod",
    allowed: ["enabled"],
    providers: [],
    attempted: [],
    repaired: [],
    left: [],
  };
  it("is false for a clean stack with a valid allowance", () => {
    expect(hasAnythingToRecord(nothing)).toBe(false);
  });
  it("is true for a refused allowance, a finding attempted or a finding left", () => {
    expect(
      hasAnythingToRecord({ ...nothing, error: "qard:driftRemediation …", errorKind: "configuration" }),
    ).toBe(true);
    expect(hasAnythingToRecord({ ...nothing, attempted: [finding("a")] })).toBe(true);
    expect(hasAnythingToRecord({ ...nothing, left: [finding("b")] })).toBe(true);
  });
});
