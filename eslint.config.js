import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "providers/dist/", ".tools/", ".demo/", "coverage/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // The package boundary: everything outside the library uses what it exports, like a user would.
    files: ["cli/**", "infra/**", "workflows/**", "policy/**", "emulator/**", "bench/**", "scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/providers/src/**", "**/providers/dist/**"],
              message:
                "import the library through its exports: @qard-iac/pulumi-qard, @qard-iac/pulumi-qard/qard or @qard-iac/pulumi-qard/rules",
            },
          ],
        },
      ],
    },
  },
);
