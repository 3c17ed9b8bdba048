/** Each command's entry script and the start of its usage line: every one answers --help and refuses a bad flag. */
export const COMMAND_USAGES = [
  ["workflows/stack/main.ts", "Usage: npm run stack"],
  ["workflows/drift/main.ts", "Usage: npm run drift"],
  ["workflows/promote/main.ts", "Usage: npm run promote"],
  ["workflows/verify/main.ts", "Usage: npm run verify"],
  ["workflows/import/main.ts", "Usage: npm run import"],
  ["emulator/main.ts", "Usage: npm run emulator"],
  ["bench/run.ts", "Usage: npm run bench"],
] as const;
