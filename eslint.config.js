// Lint, including the layer rule: domain is pure, services never reach the UI,
// the UI never reaches Node or the services (it talks to them through the API bridge),
// Electron's main process never reaches the services. Unused exports: knip (knip.json).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import layers from './eslint/layers.js';

/**
 * The layers and what each may import: other layers by name, packages by name, `node:*`
 * for Node's built-ins; `types` lists packages whose types alone may be imported. Anything
 * not listed is a lint error (eslint/layers.js). A new folder or dependency starts out
 * forbidden everywhere until it is added here, on purpose.
 */
export const LAYERS = [
  { name: 'domain', folders: ['src/domain'], allow: [], types: ['echarts'] },
  { name: 'api', folders: ['src/api'], allow: ['domain'], types: ['echarts'] },
  {
    name: 'services',
    folders: ['src/services'],
    allow: ['domain', 'api', 'node:*', 'better-sqlite3', 'xlsx', 'exceljs', 'docx', 'fflate', 'echarts', '@resvg/resvg-js'],
  },
  { name: 'ui', folders: ['src/ui'], allow: ['domain', 'api', 'vue', 'pinia', 'echarts'] },
  { name: 'cli', folders: ['src/cli'], allow: ['services', 'domain', 'api', 'node:*'] },
  // Electron's main process wires services to windows and dialogs: it reaches the services only through the utility process.
  { name: 'electron-main', folders: ['electron/main'], allow: ['electron-shared', 'api', 'domain', 'electron', 'node:*'] },
  { name: 'preload', folders: ['electron/preload'], allow: ['electron-shared', 'api', 'domain', 'electron'] },
  { name: 'utility', folders: ['electron/utility'], allow: ['electron-shared', 'services', 'api', 'domain', 'node:*'] },
  { name: 'electron-shared', folders: ['electron/shared'], allow: ['api', 'domain'] },
  { name: 'scripts', folders: ['electron/scripts', '.ci'], allow: ['node:*', '@electron/rebuild', 'node-abi', '@resvg/resvg-js'] },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.native/**', 'tests/.tmp/**', 'bench-out/**'] },
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
  {
    files: ['src/**/*.{ts,vue,mjs}', 'electron/**/*.{ts,mjs}', '.ci/**/*.mjs'],
    plugins: { local: layers },
    rules: { 'local/layer-imports': ['error', { root: import.meta.dirname, layers: LAYERS }] },
  },
);
