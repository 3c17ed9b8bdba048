import type { PromotionReport } from "./promote.ts";

function show(value: unknown): string {
  return value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);
}

export function renderPromotion(report: PromotionReport): string {
  const lines = [`Promotion ${report.from} → ${report.to}`];
  for (const pair of report.accounts ?? []) lines.push(`  Account ${pair.from} → ${pair.to}`);
  if (Object.keys(report.result).length === 0 && report.refusals.length > 0) {
    // Refused before the stack files were compared: only the reasons are known.
    lines.push("  Refused, nothing written:", ...report.refusals.map((reason) => `    - ${reason}`));
    return lines.join("\n");
  }
  if (report.changes.length === 0)
    lines.push(`  No setting differs: ${report.to} already has ${report.from}'s settings.`);
  else {
    lines.push(`  Settings that change in ${report.to}:`);
    for (const c of report.changes)
      lines.push(`    ${c.provider}  ${c.setting}: ${show(c.from)} → ${show(c.to)}`);
  }
  lines.push(`  ${report.to} after promotion:`);
  for (const [provider, settings] of Object.entries(report.result)) {
    const shown = Object.entries(settings).map(
      ([key, value]) => `${key.replace(/^settings\./, "")}=${show(value)}`,
    );
    lines.push(`    ${provider}: ${shown.join(", ")}`);
  }
  if (report.refusals.length > 0) {
    lines.push("  Refused, nothing written:");
    for (const reason of report.refusals) lines.push(`    - ${reason}`);
    return lines.join("\n");
  }
  lines.push(
    report.fileWritten
      ? `  Wrote Pulumi.${report.to}.yaml (review and commit it).`
      : `  Pulumi.${report.to}.yaml unchanged.`,
  );
  if (report.preview) lines.push(`  Preview of ${report.to}: ${JSON.stringify(report.preview.changes)}`);
  lines.push(
    report.applied
      ? `  Applied: ${report.to} updated.`
      : `  Not applied: run again with --apply to update ${report.to}.`,
  );
  return lines.join("\n");
}
