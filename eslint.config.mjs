// Type-aware lint (typescript-eslint): the rules that catch real bugs here — a promise nobody
// awaits, an async function where a callback must be sync, `any` leaking out of JSON.parse or a
// parser — need the type checker, and typescript-eslint's type-aware rule set is the mature one
// (Biome's type inference covers only a few of them). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'tmp/', '.astro/', '**/*.astro', 'site/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks a deliberately unused binding (destructuring something away, a handler signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Store methods are async so SQLite (synchronous) and a future PostgreSQL share one interface.
      '@typescript-eslint/require-await': 'off',
      // `(a, b)` and `cond && f()` as statements are this codebase's style; tsc flags a comma's unused left side.
      '@typescript-eslint/no-unused-expressions': 'off',
      // `let x = null; try { x = … }` keeps x's type; tsc's noUnusedLocals-style checks catch real dead code.
      'no-useless-assignment': 'off',
      // Harmless; `npx eslint --fix` removes them once the parallel branches are merged.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Full-width spaces inside Chinese template text are wanted.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  {
    // Tests read JSON.parse output and check it with expect(); the assertion is the type check there.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Astro's generated types are referenced the way Astro's own templates do it.
    files: ['site/content.config.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // Plain JavaScript entry points: Node globals, no type information.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
