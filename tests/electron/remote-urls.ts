/**
 * Finds remote URLs in a built renderer bundle. A URL counts when it could be
 * loaded: anywhere in code or markup except comments, plus protocol-relative
 * references (src="//…", url(//…)). Not counted: loopback hosts, XML namespace
 * identifiers (strings compared, never fetched), and a short list of links
 * that libraries put into the TEXT of messages, each with the reason.
 */
export interface Finding {
  file: string;
  line: number;
  url: string;
  context: string;
}

export const XML_NAMESPACES: ReadonlySet<string> = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace',
  'http://www.w3.org/2000/xmlns/',
]);

/** Links only ever shown as text, never requested. */
export const TEXT_ONLY_LINKS: ReadonlyArray<{ prefix: string; why: string }> = [
  { prefix: 'https://vuejs.org/error-reference/', why: 'Vue appends it to the text of a runtime error message (the `info` passed to app.config.errorHandler).' },
];

const ABSOLUTE = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>()\\]+/gi;
const PROTOCOL_RELATIVE = /(?:\b(?:src|href|action|poster|data)\s*=\s*["']?|url\(\s*["']?|\bimport\s*\(?\s*["']|\bfrom\s*["'])(\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`<>()]*)/gi;
const LOOPBACK = /^(?:https?|wss?):\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:\/|$)/i;

/** Whether a line is (inside) a comment: build tools keep /* … *\/ blocks and // lines in unminified output. */
function isCommentLine(line: string): boolean {
  const t = line.trim();
  return t.startsWith('*') || t.startsWith('//') || t.startsWith('/*') || t.startsWith('<!--');
}

export function findRemoteUrls(files: ReadonlyArray<{ file: string; text: string }>): Finding[] {
  const found: Finding[] = [];
  for (const { file, text } of files) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (isCommentLine(line)) return;
      const urls = [...line.matchAll(ABSOLUTE)].map((m) => m[0]).concat([...line.matchAll(PROTOCOL_RELATIVE)].map((m) => m[1] ?? ''));
      for (const raw of urls) {
        const url = raw.replace(/[.,;:]+$/, '');
        if (LOOPBACK.test(url) || XML_NAMESPACES.has(url) || TEXT_ONLY_LINKS.some((l) => url.startsWith(l.prefix))) continue;
        const at = line.indexOf(raw);
        found.push({ file, line: i + 1, url, context: line.slice(Math.max(0, at - 60), at + raw.length + 40).trim() });
      }
    });
  }
  return found;
}
