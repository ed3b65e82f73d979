/**
 * What an article can be, and where it can come from, each in one catalogue: the pickers, filters,
 * badges (their `kind-<kind>` CSS classes in the KB page and the palette), import aliases and
 * labels (`articleKinds.<kind>`, `kb.sources.<source>`) derive from these; a test checks every
 * entry is in every view. Zod-free.
 */

/** Article kinds: a spoken script, a canned reply, an FAQ answer, or a policy. */
export const ARTICLE_KIND_CATALOGUE = {
  script: { aliases: ['script', '话术', '脚本'] },
  reply: { aliases: ['reply', '回复', '快捷回复'] },
  faq: { aliases: ['faq', '问答', '常见问题'] },
  policy: { aliases: ['policy', '政策', '制度'] },
} as const satisfies Record<string, { aliases: readonly string[] }>;

export type ArticleKind = keyof typeof ARTICLE_KIND_CATALOGUE;
/** Article kinds in catalogue order. */
export const ARTICLE_KINDS = Object.keys(ARTICLE_KIND_CATALOGUE) as [ArticleKind, ...ArticleKind[]];

/** How people write a kind in an imported file (lowercased) → the kind. */
export const ARTICLE_KIND_ALIASES: Readonly<Record<string, ArticleKind>> = Object.fromEntries(
  ARTICLE_KINDS.flatMap((kind) => ARTICLE_KIND_CATALOGUE[kind].aliases.map((alias) => [alias, kind])),
);

/**
 * Where a stored article came from. `local` is the agent's own (created, imported or copied),
 * `pack` belongs to a team pack and is replaced when the pack updates, `sample` is the demo KB.
 * `editable`: the agent edits it in place (pack articles are read-only; "Copy to personal" makes
 * an editable copy).
 */
export const ARTICLE_SOURCE_CATALOGUE = {
  local: { editable: true },
  sample: { editable: true },
  pack: { editable: false },
} as const satisfies Record<string, { editable: boolean }>;

export type ArticleSource = keyof typeof ARTICLE_SOURCE_CATALOGUE;
/** Article sources in catalogue order. */
export const ARTICLE_SOURCES = Object.keys(ARTICLE_SOURCE_CATALOGUE) as [ArticleSource, ...ArticleSource[]];
