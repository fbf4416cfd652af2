/**
 * A focused static check of the Electron code (electron/**), in the spirit of
 * @doyensec/electronegativity: each rule is a pattern that must not appear (or
 * must appear) with the reason from Electron's security checklist.
 *
 * Why not electronegativity itself: 1.10.3 installs (≈400 packages, eslint 7,
 * TypeScript 4.2) and runs offline only with its network check excluded and
 * the Electron version forced; over electron/ it reported 4 findings, all of
 * them false positives of this layout — CONTEXT_ISOLATION_JS_CHECK,
 * SANDBOX_JS_CHECK and AUXCLICK_JS_CHECK on `new BrowserWindow(mainWindowOptions(…))`
 * (it cannot follow options built in window-options.ts, asserted by the tests),
 * and CSP_GLOBAL_CHECK (it looks for a <meta> CSP; ours is a header on every
 * app:// response, csp.ts). These rules check what it checks, on our code.
 */
export interface Rule {
  id: string;
  why: string;
  /** Files (paths relative to the repo) the rule looks at. */
  files: RegExp;
  /** Forbidden: the pattern must not match. Required: it must match in at least one file. */
  forbidden?: RegExp;
  required?: RegExp;
}

const ALL = /^electron\/.*\.(ts|mjs|cjs)$/;
const MAIN = /^electron\/main\/.*\.ts$/;
const PRELOAD = /^electron\/preload\/.*\.ts$/;

export const RULES: Rule[] = [
  { id: 'NODE_INTEGRATION', why: 'Pages must not get Node.', files: ALL, forbidden: /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/ },
  { id: 'CONTEXT_ISOLATION', why: 'The preload and the page must not share a JS world.', files: ALL, forbidden: /contextIsolation\s*:\s*false/ },
  { id: 'SANDBOX', why: 'Renderers stay sandboxed.', files: ALL, forbidden: /sandbox\s*:\s*false|--no-sandbox|enableSandbox\s*\(\s*false/ },
  { id: 'WEB_SECURITY', why: 'Same-origin policy stays on.', files: ALL, forbidden: /webSecurity\s*:\s*false|disable-web-security/ },
  { id: 'INSECURE_CONTENT', why: 'No mixed content.', files: ALL, forbidden: /allowRunningInsecureContent\s*:\s*true/ },
  { id: 'EXPERIMENTAL_FEATURES', why: 'No experimental or extra Blink features.', files: ALL, forbidden: /experimentalFeatures\s*:\s*true|enableBlinkFeatures/ },
  { id: 'WEBVIEW', why: 'No <webview>.', files: ALL, forbidden: /webviewTag\s*:\s*true/ },
  { id: 'REMOTE_MODULE', why: 'The remote module hands main-process objects to pages.', files: ALL, forbidden: /enableRemoteModule|@electron\/remote|\.remote\b/ },
  { id: 'OPEN_EXTERNAL', why: 'Nothing opens URLs in the system browser (offline app; untrusted input could run programs).', files: ALL, forbidden: /openExternal/ },
  { id: 'OPEN_PATH', why: 'shell.openPath runs files: only the data folder, never a path from the page.', files: ALL, forbidden: /openPath\((?!dataDir\))/ },
  { id: 'LOAD_FILE', why: 'Pages come from app://, never file://.', files: ALL, forbidden: /loadFile\(|file:\/\//i },
  { id: 'LOAD_URL', why: 'The window loads only the app entry (or the local dev server in development).', files: ALL, forbidden: /loadURL\((?!devServerUrl \?\? APP_ENTRY_URL\))/ },
  { id: 'REMOTE_URL', why: 'No remote URL in the shell’s code.', files: ALL, forbidden: /\b(?:https?|wss?):\/\/(?!localhost|127\.0\.0\.1|www\.electronjs\.org\/headers)/ },
  { id: 'LEGACY_PROTOCOL', why: 'Custom protocols use protocol.handle with the guarded handler.', files: ALL, forbidden: /register(File|Http|String|Buffer|Stream)Protocol|intercept\w*Protocol/ },
  { id: 'BYPASS_CSP', why: 'app:// must not bypass the CSP.', files: ALL, forbidden: /bypassCSP\s*:\s*true/ },
  { id: 'UNSAFE_EVAL', why: 'No eval in the CSP.', files: ALL, forbidden: /unsafe-eval|wasm-unsafe-eval/ },
  { id: 'CERTIFICATE_ERRORS', why: 'Certificate errors are never ignored.', files: ALL, forbidden: /certificate-error|ignore-certificate-errors/ },
  { id: 'CODE_INJECTION', why: 'Main never injects code into pages.', files: ALL, forbidden: /executeJavaScript|insertCSS/ },
  { id: 'RAW_IPC_EXPOSED', why: 'The page gets the narrow bridge, never ipcRenderer.', files: PRELOAD, forbidden: /exposeInMainWorld\(\s*['"](?!rfm['"])|exposeInMainWorld\([^)]*ipcRenderer\s*\)|\.send(Sync|ToHost)?\(/ },
  { id: 'IPC_ON', why: 'One invoke channel (ipcMain.handle), validated; no fire-and-forget listeners.', files: MAIN, forbidden: /ipcMain\.on\(|ipcMain\.once\(/ },
  { id: 'IPC_SENDER_CHECK', why: 'Every IPC call checks its sender frame.', files: MAIN, required: /isTrustedSender\(url\)/ },
  { id: 'NAVIGATION_GUARD', why: 'Navigation away from the app is prevented.', files: MAIN, required: /'will-navigate'/ },
  { id: 'WINDOW_OPEN_GUARD', why: 'New windows are denied.', files: MAIN, required: /setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/ },
  { id: 'PERMISSION_HANDLER', why: 'Permission requests are decided by us (denied).', files: MAIN, required: /setPermissionRequestHandler\(/ },
  { id: 'REQUEST_FILTER', why: 'Every request passes the local-only filter.', files: MAIN, required: /webRequest\.onBeforeRequest\(/ },
  { id: 'SINGLE_INSTANCE', why: 'One instance.', files: MAIN, required: /requestSingleInstanceLock\(\)/ },
];

export interface Violation {
  rule: string;
  file: string;
  line: number;
  text: string;
}

/** Comments explain forbidden things by name; only code counts. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function checkElectronSources(files: ReadonlyArray<{ file: string; text: string }>, rules: Rule[] = RULES): Violation[] {
  const out: Violation[] = [];
  for (const rule of rules) {
    const scoped = files.filter((f) => rule.files.test(f.file));
    if (rule.forbidden) {
      for (const f of scoped) {
        stripComments(f.text)
          .split('\n')
          .forEach((line, i) => {
            if (rule.forbidden!.test(line)) out.push({ rule: rule.id, file: f.file, line: i + 1, text: line.trim() });
          });
      }
    }
    if (rule.required && !scoped.some((f) => rule.required!.test(stripComments(f.text)))) out.push({ rule: rule.id, file: '(none)', line: 0, text: 'missing' });
  }
  return out;
}
