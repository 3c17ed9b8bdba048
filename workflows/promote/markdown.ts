import type { PromotionReport } from "./promote.ts";

// GitHub refuses a pull request body over 65,536 characters; the preview is cut to leave room for the rest.
const MAX_PREVIEW_CHARS = 50_000;

function show(value: unknown): string {
  return value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);
}

function cell(value: string): string {
  return `\`${value.replace(/\|/g, "\\|").replace(/`/g, "'").replace(/\n/g, " ")}\``;
}

/** The tail of the preview, which holds the diff's end and the summary, when the whole is too long. */
function previewText(output: string): string {
  if (output.length <= MAX_PREVIEW_CHARS) return output;
  return `… (${output.length - MAX_PREVIEW_CHARS} characters cut)\n${output.slice(-MAX_PREVIEW_CHARS)}`;
}

/**
 * The promotion as a pull request body: the settings that change in the target, the target's settings
 * after promotion, the refusals, and the target's preview. Secrets never appear: the report holds none and
 * the engine prints them as [secret].
 */
export function renderPromotionMarkdown(report: PromotionReport): string {
  const lines = [`### Promote \`${report.from}\` → \`${report.to}\``, ""];
  const accounts = report.accounts ?? [];
  if (accounts.length > 0) {
    lines.push(`Accounts: ${accounts.map((pair) => `\`${pair.from}\` → \`${pair.to}\``).join(", ")}`, "");
  }
  if (report.refusals.length > 0) {
    lines.push("**Refused, nothing written:**", "");
    for (const reason of report.refusals) lines.push(`- ${reason.replace(/\n/g, " ")}`);
    lines.push("");
  }
  // Refused before the stack files were compared: only the reasons are known.
  if (Object.keys(report.result).length === 0 && report.refusals.length > 0) return lines.join("\n");
  if (report.changes.length === 0) {
    lines.push(`No setting differs: \`${report.to}\` already has \`${report.from}\`'s settings.`);
  } else {
    lines.push(`Settings that change in \`${report.to}\`:`, "");
    lines.push("| provider | setting | from | to |", "| --- | --- | --- | --- |");
    for (const c of report.changes) {
      lines.push(
        `| ${cell(c.provider)} | ${cell(c.setting)} | ${cell(show(c.from))} | ${cell(show(c.to))} |`,
      );
    }
  }
  lines.push("", `<details><summary>${report.to} after promotion</summary>`, "");
  lines.push("| provider | settings |", "| --- | --- |");
  for (const [provider, settings] of Object.entries(report.result)) {
    const shown = Object.entries(settings).map(
      ([key, value]) => `${key.replace(/^settings\./, "")}=${show(value)}`,
    );
    lines.push(`| ${cell(provider)} | ${cell(shown.join(", "))} |`);
  }
  lines.push("", "</details>");
  if (report.preview) {
    const counts = Object.entries(report.preview.changes)
      .map(([op, count]) => `${op} ${count}`)
      .join(", ");
    lines.push("", `Preview of \`${report.to}\` with this file: ${counts || "no change"}.`, "");
    lines.push("<details><summary>pulumi preview --diff</summary>", "", "```diff");
    lines.push(previewText(report.preview.output).trimEnd(), "```", "", "</details>");
  }
  if (report.applied) lines.push("", `Applied: \`${report.to}\` was updated.`);
  else if (report.refusals.length === 0) {
    lines.push("", `Not applied: \`pulumi up\` of \`${report.to}\` applies this file once it is merged.`);
  }
  return lines.join("\n");
}
