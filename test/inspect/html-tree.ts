/**
 * A small HTML parser for the tests of `make inspect`: enough of HTML5 for
 * pages the pipeline writes (elements, attributes in double quotes, text,
 * character references, void elements, raw-text <script> and <style>). It
 * fails on a closing tag that does not match the open element, so a page with
 * broken nesting fails the tests.
 */

export interface HtmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (HtmlElement | string)[];
  readonly parent: HtmlElement | null;
}

const VOID = new Set(['meta', 'input', 'br', 'hr', 'img', 'link']);
const RAW_TEXT = new Set(['script', 'style']);

/** Decode the character references the pages use. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" } as Record<string, string>)[name.toLowerCase()]!;
  });
}

/** Parse a page into a tree under a synthetic `#root` element. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [], parent: null };
  let current = root;
  const tag = /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/([a-z0-9]+)\s*>|<([a-z0-9]+)((?:\s+[a-z0-9_:-]+(?:="[^"]*")?)*)\s*(\/?)>/gi;
  let at = 0;
  for (let match = tag.exec(html); match !== null; match = tag.exec(html)) {
    if (match.index > at) current.children.push(decodeEntities(html.slice(at, match.index)));
    at = tag.lastIndex;
    const [, closing, opening, attributeText] = match;
    if (closing !== undefined) {
      if (current.tag !== closing.toLowerCase()) throw new Error(`</${closing}> closes <${current.tag}> at ${match.index}`);
      current = current.parent!;
    } else if (opening !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [, name, value] of (attributeText ?? '').matchAll(/([a-z0-9_:-]+)(?:="([^"]*)")?/gi))
        attributes[name!.toLowerCase()] = decodeEntities(value ?? '');
      const element: HtmlElement = { tag: opening.toLowerCase(), attributes, children: [], parent: current };
      current.children.push(element);
      if (RAW_TEXT.has(element.tag)) {
        const end = html.indexOf(`</${element.tag}>`, at);
        element.children.push(html.slice(at, end));
        at = end + element.tag.length + 3;
        tag.lastIndex = at;
      } else if (!VOID.has(element.tag) && match[4] !== '/') current = element;
    }
  }
  if (at < html.length) current.children.push(decodeEntities(html.slice(at)));
  if (current !== root) throw new Error(`<${current.tag}> is never closed`);
  return root;
}

/** Every element under `node` (depth first, document order) that `test` accepts. */
export function findAll(node: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (e: HtmlElement): void => {
    for (const child of e.children) {
      if (typeof child === 'string') continue;
      if (test(child)) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}

/** The text of an element, leaving out the subtrees `skip` accepts. */
export function textOf(node: HtmlElement, skip: (e: HtmlElement) => boolean = () => false): string {
  return node.children.map((c) => (typeof c === 'string' ? c : skip(c) ? '' : textOf(c, skip))).join('');
}

/** Whether an element has a class. */
export const hasClass = (e: HtmlElement, name: string): boolean => (e.attributes['class'] ?? '').split(/\s+/).includes(name);
