/**
 * The Content-Security-Policy sent with every app:// response.
 *
 * Everything comes from the app itself: no remote origin anywhere, no eval
 * (script-src 'self' only — Vue's runtime build and ECharts need neither eval
 * nor inline scripts), no plugins, no <base>, no framing, no form posts.
 *
 * style-src keeps 'unsafe-inline', the one relaxation, because ECharts writes
 * style="" attributes into the HTML of its tooltips and legends and the <style>
 * of its SVG renderer's animations, and Vue's dynamic :style bindings land in
 * inline style attributes. Inline styles cannot run code, and the usual abuse
 * (CSS that leaks data to a remote server) is impossible here: img-src,
 * font-src and connect-src allow no remote origin and the session blocks every
 * request that is not app:// (see request-filter.ts). font-src also allows
 * data: because Vite inlines small assets (an icon font) as data: URLs; a
 * data: font is bytes already in the bundle, never a request.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['media-src', "'none'"],
  ['worker-src', "'self'"],
  ['frame-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
