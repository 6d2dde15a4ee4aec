/**
 * What every page of `make inspect` shares: HTML escaping, the page shell and
 * one inline style sheet. The pages load nothing from anywhere (no network, no
 * server): open index.html from disk. Colours follow the data card's
 * colour-blind-safe palette (Okabe & Ito; release/data-card.ts).
 */

/** Text safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A file name for a document page: its doc_id, with anything but letters, digits, `-` and `_` replaced. */
export function documentPageName(docId: string): string {
  return `${docId.replace(/[^A-Za-z0-9_-]/g, '_')}.html`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; font-size: 13px; display: block; overflow-x: auto; max-width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; } th[data-sort] { cursor: pointer; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.meta td:first-child { color: #666; white-space: nowrap; }
.raw { white-space: pre-wrap; border: 1px solid #ccc; padding: 1em; background: #fcfcfc; line-height: 1.8; }
del.r { color: #a33; text-decoration: line-through; background: #f6e7e7; }
sup.why { font-size: 10px; color: #a33; background: #fff; border: 1px solid #e3b5b5; border-radius: 3px; padding: 0 3px; margin: 0 2px; font-family: monospace; }
.s { border-bottom: 2px solid transparent; }
.s[data-relation_signal="deteriorating"] { background: #fbe3d6; } .s[data-relation_signal="improving"] { background: #d9eaf7; }
body.by-stance_russia .s, body.by-stance_west .s, body.by-claim_class .s { background: none; }
body.by-stance_russia .s[data-stance_russia="against"], body.by-stance_west .s[data-stance_west="against"] { background: #fbe3d6; }
body.by-stance_russia .s[data-stance_russia="favor"], body.by-stance_west .s[data-stance_west="favor"] { background: #d5f0e6; }
body.by-claim_class .s[data-claim_class="cfs"] { background: #d9eaf7; } body.by-claim_class .s[data-claim_class="ufs"] { background: #eef6fc; }
.s:hover { outline: 1px solid #555; }
.k { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 12px; }
.k.against, .k.deteriorating { background: #fbe3d6; } .k.favor { background: #d5f0e6; } .k.improving, .k.cfs { background: #d9eaf7; }
.rules { font-family: monospace; font-size: 11px; color: #555; }
.note { color: #666; font-size: 13px; }
td.text { min-width: 28em; }
nav a { margin-right: 1em; }
`;

/** A whole page: doctype, UTF-8, the style sheet, the title and the body. */
export function page(title: string, body: string, bodyClass = ''): string {
  return `<!DOCTYPE html>
<html lang="und">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body${bodyClass === '' ? '' : ` class="${escapeHtml(bodyClass)}"`}>
${body}
</body>
</html>
`;
}
