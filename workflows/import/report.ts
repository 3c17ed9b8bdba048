import { credentialsLabel, type ImportedProvider } from "./plan-import.ts";
import type { ImportReport } from "./import-account.ts";

function show(value: unknown): string {
  return value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);
}

function summary(provider: ImportedProvider): string {
  const entry = provider.entry;
  const parts = [entry.enabled === false ? "disabled" : "enabled"];
  if (entry.autoConnect !== undefined) parts.push(`auto_connect=${show(entry.autoConnect)}`);
  const settings = (entry.settings ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) parts.push(`${key}=${show(value)}`);
  parts.push(`credentials: ${credentialsLabel(entry.credentials) ?? "none declared (Qard keeps its own)"}`);
  return `${provider.provider} (${provider.status}): ${parts.join(", ")}`;
}

/** The human report: what was imported, what the first `up` will write and why, what to do next. */
export function renderImport(report: ImportReport): string {
  const lines = [`Import of the Qard account into stack ${report.stack} (${report.file})`];
  if (report.imported.length === 0) lines.push("  No provider to import.");
  else lines.push("  Providers:");
  for (const provider of report.imported) {
    lines.push(`    ${summary(provider)}`);
    for (const note of provider.notes) lines.push(`      note: ${note}`);
  }
  const byReason = new Map<string, string[]>();
  for (const { provider, reason } of report.skipped)
    byReason.set(reason, [...(byReason.get(reason) ?? []), provider]);
  for (const [reason, names] of byReason) lines.push(`  Not imported, ${reason}: ${names.join(", ")}`);
  if (report.differences.length > 0) {
    lines.push(`  Declared in ${report.file} differently from Qard (--merge settles them to Qard):`);
    for (const d of report.differences)
      lines.push(`    ${d.provider}  ${d.setting}: declared ${show(d.declared)}, Qard ${show(d.qard)}`);
  }
  if (report.refusals.length > 0) {
    lines.push("  Refused, nothing written:");
    for (const reason of report.refusals) lines.push(`    - ${reason}`);
    return lines.join("\n");
  }
  if (report.secrets.length > 0) {
    lines.push("  Secrets to create in AWS Secrets Manager before the first up (a JSON object each):");
    for (const secret of report.secrets) {
      const keys = secret.keys.map((key) => `"${key.name}": <${key.type}>`).join(", ");
      lines.push(`    ${secret.secretId}  {${keys}}`);
    }
  }
  const calls = report.imported.flatMap((provider) => provider.firstUp);
  if (calls.length === 0)
    lines.push("  The first up writes nothing to Qard: every enabled flag and setting already matches.");
  else {
    lines.push("  The first up writes to Qard (every enabled flag and setting already matches otherwise):");
    for (const { call, why } of calls) lines.push(`    ${call}  (${why})`);
  }
  if (report.dryRun) {
    lines.push(`  Dry run: ${report.file} untouched. It would read:`, "", report.yaml);
  } else {
    lines.push(
      report.fileWritten ? `  Wrote ${report.file} (review and commit it).` : `  ${report.file} unchanged.`,
    );
    lines.push(`  Next: npm run stack -- preview --stack ${report.stack} --diff, then up.`);
  }
  return lines.join("\n");
}
