// Lint, including the layer rule: domain is pure, services never reach the UI,
// the UI never reaches Node or the services (it talks to them through the API bridge).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'util', 'stream', 'zlib', 'http', 'https', 'net'];

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.native/**', 'tests/.tmp/**', 'bench-out/**', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  layer(
    ['src/domain/**'],
    [...NODE_BUILTINS, 'better-sqlite3', 'electron', 'vue', 'pinia', 'exceljs', 'xlsx', 'docx', '@resvg/*', '**/services/**', '**/ui/**', '**/cli/**', '**/electron/**', '**/api/**'],
    'domain 层只能是纯 TypeScript：不得引用 Node、数据库、Electron、界面或服务层。',
  ),
  layer(['src/api/**'], [...NODE_BUILTINS, 'better-sqlite3', 'electron', 'vue', 'pinia', '**/services/**', '**/ui/**', '**/cli/**'], 'api 契约只含类型：不得引用实现。'),
  layer(['src/services/**'], ['electron', 'vue', 'pinia', '**/ui/**', '**/cli/**', '**/electron/**'], 'services 层不得引用界面、命令行或 Electron。'),
  layer(
    ['src/ui/**'],
    [...NODE_BUILTINS, 'better-sqlite3', 'electron', 'exceljs', 'xlsx', 'docx', '@resvg/*', '**/services/**', '**/cli/**', '**/electron/**'],
    '界面层只能通过 API 桥调用服务：不得引用 Node、数据库或服务层。',
  ),
  layer(['src/cli/**'], ['electron', 'vue', 'pinia', '**/ui/**', '**/electron/**'], '命令行不得引用界面或 Electron。'),
  layer(['electron/**'], ['**/ui/**', 'vue', 'pinia'], 'Electron 主进程不得引用界面代码。'),
);
