/** A handler's Result as a value in a test: the value, or the failure's Chinese message thrown. */
export function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
