import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const inAppDialogs = 'Electron has no prompt/alert/confirm: ask through the in-app dialog (askText, askConfirm).';
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto', 'url', 'util', 'net'];

export default tseslint.config(
  { ignores: ['node_modules', 'build', 'renderer/dist', 'e2e/artifacts', 'test-results', '.lo-profile', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'TSAnyKeyword', message: 'No any: use unknown and narrow.' }],
    },
  },
  // Specs and the slider bench run code in a page: type-checked with the DOM library by their own tsconfig.
  {
    files: ['e2e/**/*.ts', 'bench/slider.bench.ts', 'playwright.config.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.browser.json' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  // Layers, as in DESIGN.md: shared is pure; the renderer never reaches into main; only main/electron knows Electron.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports neither main/ nor renderer/.' },
            { group: ['electron', ...nodeBuiltins], message: 'shared/ runs in the renderer too: no Node or Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Electron has no window.prompt, and alert/confirm block its whole window: in-app dialogs only.
      'no-restricted-globals': [
        'error',
        ...['prompt', 'alert', 'confirm'].map((name) => ({ name, message: inAppDialogs })),
      ],
      'no-restricted-properties': [
        'error',
        ...['prompt', 'alert', 'confirm'].flatMap((property) =>
          ['window', 'globalThis', 'self'].map((object) => ({ object, property, message: inAppDialogs })),
        ),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'The renderer talks to main only through the contract client.' },
            { group: ['electron', ...nodeBuiltins], message: 'No Node or Electron in the renderer.' },
          ],
        },
      ],
    },
  },
  // Components and views reach the main process only through the store's slices.
  {
    files: ['renderer/src/components/**/*.tsx', 'renderer/src/views/**/*.tsx', 'renderer/src/App.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAnyKeyword', message: 'No any: use unknown and narrow.' },
        {
          selector:
            "MemberExpression[object.name='s'][property.name='api'], MemberExpression[object.callee.name='get'][property.name='api']",
          message: 'Components call the main process through a slice action, not the contract client.',
        },
        // Every word a user reads comes from the catalogue (shared/i18n), so Chinese is never
        // missing a sentence. Brand names and units shown as data are not literals here.
        {
          selector: 'JSXText[value=/[A-Za-z]{2,}/]',
          message: 'Text shown to users comes from the message catalogue: t(…) from useT().',
        },
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal[value=/[A-Za-z]{2,}/]',
          message: 'Accessible names, titles and placeholders come from the message catalogue: t(…).',
        },
      ],
    },
  },
  // Renderer tests wire the slices to the real router and store in-process: tests may reach main/.
  {
    files: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'No Electron in the renderer.' }] },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/electron imports electron; handlers and services stay plain Node.',
            },
          ],
        },
      ],
    },
  },
  // Errors cross the boundary as data: a catalogue key and parameters (AppError.of), so every
  // window words them in its own language. Tests may build one by hand.
  {
    files: ['main/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts', 'shared/contract/errors.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAnyKeyword', message: 'No any: use unknown and narrow.' },
        {
          selector: "NewExpression[callee.name='AppError']",
          message: 'Throw AppError.of(code, { key, params }): the message comes from the catalogue (shared/i18n).',
        },
      ],
    },
  },
);
