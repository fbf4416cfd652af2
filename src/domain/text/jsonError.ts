/**
 * Where a JSON text stops being JSON, said without quoting it. V8's own
 * message echoes the first bytes of the text (「Unexpected token 'r',
 * "root:x:0:0:"... is not valid JSON」): for a file that is not what it claims
 * to be, that would show its content — and it is English. Only the position is
 * kept, as line and column.
 */
export function jsonErrorPlace(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : '';
  if (/Unexpected end of JSON input/i.test(msg)) return '内容不完整（在文件末尾意外结束）';
  const m = /position (\d+)/i.exec(msg);
  if (!m) return '内容不符合 JSON 格式';
  const pos = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 列附近不符合 JSON 格式`;
}

/** JSON.parse that fails with a Chinese sentence naming only the place (see jsonErrorPlace). */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, problem: jsonErrorPlace(text, e) };
  }
}
