/**
 * The records that flow through the pipeline, declared once.
 *
 * Each stage takes one record type and returns the next:
 *
 *   ingest            → RawDocument (or a Rejection)
 *   clean             RawDocument → CleanDocument
 *   segment-sentences CleanDocument → SegmentedDocument
 *   detect-language   SegmentedDocument → LanguageDocument
 *   label             LanguageDocument → LabeledDocument
 *
 * All offsets count Unicode code points, never UTF-16 units, so that
 * `clean_text[char_start:char_end] == text` holds in Python and
 * `[...clean_text].slice(char_start, char_end).join('') === text` in JS.
 */

/** The eleven boilerplate reasons of CODEBOOK.md section 1. */
export const REMOVAL_REASONS = [
  'cross_link',
  'promo',
  'navigation',
  'byline',
  'dateline',
  'title',
  'caption',
  'seo_spam',
  'outlet_prefix',
  'duplicate',
  'end_mark',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

/**
 * ISO 639-3 codes the language stage may return. `zlm` covers Standard Malay
 * (`zsm`) too, as the codebook says; `und` is "undetermined".
 */
export const LANGUAGE_CODES = ['ind', 'zlm', 'eng', 'und'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** Where a document came from and how its bytes were read. */
export interface RawDocument {
  /** First 16 hex digits of the SHA-256 of `raw_text` (UTF-8): stable and content-derived. */
  readonly doc_id: string;
  /** Path relative to the input directory, `/`-separated; `file.jsonl#L<n>` for a JSONL line (1-based). */
  readonly source_file: string;
  /** The article text after BOM removal and CRLF/CR → LF normalisation; nothing else changed. */
  readonly raw_text: string;
  /** How the bytes were decoded: `utf-8`, or `windows-1252` when they were not valid UTF-8. */
  readonly encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** Metadata given alongside the text (JSONL fields); null when absent. */
  readonly given: {
    /** The record's own id (JSONL `id`), kept so users can join back to their source. */
    readonly id: string | null;
    readonly url: string | null;
    readonly title: string | null;
    readonly published_at: string | null;
    /** JSONL fields the pipeline does not read (e.g. `author`, `source`), named so the build summary can list them; absent when none. */
    readonly unused_fields?: readonly string[];
  };
}

/** One removed piece of boilerplate, with the rule that removed it. */
export interface RemovedPiece {
  readonly reason: RemovalReason;
  /** Id of the rule that matched (a key in pipeline/stages/<stage>/rules/*.json, or a named structural rule). */
  readonly rule: string;
  /** Exactly `raw_text[raw_start:raw_end]`. */
  readonly text: string;
  readonly raw_start: number;
  readonly raw_end: number;
}

/**
 * A run of clean_text copied verbatim from raw_text. Characters of clean_text
 * that no span covers were inserted by whitespace normalisation (a paragraph
 * break or a single space), so every clean offset maps back to the raw text.
 */
export interface TextSpan {
  readonly clean_start: number;
  readonly raw_start: number;
  readonly length: number;
}

/** What a document says about itself, read from its boilerplate (CODEBOOK.md section 1, the *(field)* reasons). */
export interface DocumentMetadata {
  readonly title: string | null;
  /** Canonical outlet: the registry's lower-case site domain (rules/outlets.json, e.g. `antaranews.com`), else the name or site as written, lower-cased; from the text or else the host of `given.url`; or null. */
  readonly outlet: string | null;
  /** The outlet's name as the page (or the URL host) writes it (`ANTARA`, `CNBC Indonesia`); null with `outlet`. */
  readonly outlet_as_written: string | null;
  /** Place from the outlet prefix (e.g. `Jakarta`), or null. */
  readonly place: string | null;
  /** ISO 8601 date or datetime; with an offset when the text names a zone (WIB = +07:00), local time when it does not; or null. */
  readonly published_at: string | null;
  readonly author: string | null;
  readonly editor: string | null;
  /** What could not be read and was left null, with the text and the reason (e.g. a JSONL `published_at` that does not parse). */
  readonly warnings: readonly string[];
}

export interface CleanDocument extends RawDocument, DocumentMetadata {
  /** Body paragraphs joined by "\n\n"; spaces collapsed, lines trimmed. */
  readonly clean_text: string;
  /** In raw order. */
  readonly removed: readonly RemovedPiece[];
  /** Clean → raw offset map, in clean order. */
  readonly spans: readonly TextSpan[];
}

export interface Sentence {
  /** 0-based position in the document. */
  readonly index: number;
  readonly text: string;
  /** Code-point offsets into clean_text. */
  readonly char_start: number;
  readonly char_end: number;
  /** Code-point offsets into raw_text of the sentence's first and (one past) last character. */
  readonly raw_start: number;
  readonly raw_end: number;
  /** Id of the boundary rule that ended this sentence (e.g. `paragraph_end`, `terminal_punctuation`). */
  readonly boundary_rule: string;
}

export interface SegmentedDocument extends CleanDocument {
  readonly sentences: readonly Sentence[];
}

/** A language decision, with the rule that made it. */
export interface LanguageDecision {
  readonly language: LanguageCode;
  /** In [0, 1]. */
  readonly language_confidence: number;
  /** Which rule decided (e.g. `franc`, `lexicon_ind_zlm`, `inherit_document`). */
  readonly language_rule: string;
}

export interface LanguageSentence extends Sentence, LanguageDecision {}

export interface LanguageDocument extends SegmentedDocument, LanguageDecision {
  readonly sentences: readonly LanguageSentence[];
}

/* ---- Labels (CODEBOOK.md sections 4–7) ---- */

export const STANCE_VALUES = ['favor', 'against', 'none'] as const;
export type Stance = (typeof STANCE_VALUES)[number];

export const RELATION_SIGNALS = ['deteriorating', 'improving', 'none'] as const;
export type RelationSignal = (typeof RELATION_SIGNALS)[number];

export const CLAIM_CLASSES = ['cfs', 'ufs', 'nfs'] as const;
export type ClaimClass = (typeof CLAIM_CLASSES)[number];

export const SOURCE_TYPES = ['person', 'organisation', 'media', 'document', 'anonymous'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const ATTRIBUTION_TYPES = ['direct', 'indirect', 'mixed'] as const;
export type AttributionType = (typeof ATTRIBUTION_TYPES)[number];

/** A label chosen by the label model, its confidence and the labelling functions that voted for it. */
export interface LabelDecision<T extends string> {
  readonly label: T;
  /** In [0, 1]. */
  readonly confidence: number;
  /** Ids of the labelling functions whose votes decided it (empty when all abstained). */
  readonly rules: readonly string[];
}

export interface LabeledSentence extends LanguageSentence {
  readonly stance_russia: LabelDecision<Stance>;
  readonly stance_west: LabelDecision<Stance>;
  readonly relation_signal: LabelDecision<RelationSignal>;
  readonly claim_class: LabelDecision<ClaimClass>;
}

/** Who claims what (CODEBOOK.md section 7). */
export interface Attribution {
  /** `<doc_id>-a<n>`, n 0-based in text order. */
  readonly attribution_id: string;
  /** The source as written (`Lavrov`, `ia`, `-nya`). */
  readonly source: string;
  /** Canonical full name when the article gives it; else the source as written. */
  readonly source_norm: string;
  readonly source_type: SourceType;
  /** The reporting word as written (`mengatakan`, `kata`, `menurut`). */
  readonly cue: string;
  readonly type: AttributionType;
  /** Indices of the sentences holding the content, ascending. */
  readonly sentence_indices: readonly number[];
  readonly content: string;
  /** Code-point offsets of the content into clean_text. */
  readonly char_start: number;
  readonly char_end: number;
  /** Ids of the rules that found it. */
  readonly rules: readonly string[];
  /** The source's side from the actor gazetteer (stages/label/rules/actors.json), titles or antecedents; null when unknown. */
  readonly source_side: 'russia' | 'west' | 'ukraine' | 'china' | 'other' | null;
  /** The source's Wikidata id when the gazetteer knows it for certain; else null. */
  readonly source_qid: string | null;
}

/** Topic relevance of a document (stages/label/relevance.ts, rules/relevance.json). */
export const RELEVANCE_LABELS = ['russia_west', 'russia_only', 'west_only', 'unrelated'] as const;
export type Relevance = (typeof RELEVANCE_LABELS)[number];

export interface LabeledDocument extends LanguageDocument {
  /** Is the document about Russia-West relations; sentences of an `unrelated` one carry no stance or relation. */
  readonly relevance: LabelDecision<Relevance>;
  readonly sentences: readonly LabeledSentence[];
  readonly attributions: readonly Attribution[];
}

/* ---- Inputs that do not become documents ---- */

export const REJECTION_REASONS = [
  'empty',
  'binary',
  'undecodable',
  'markup',
  'empty_after_cleaning',
  'malformed_jsonl',
  'missing_text',
  'unsupported_type',
  'duplicate',
  'too_large',
  'processing_error',
  // Issue #14: an entry under IN that is not read, or a read that failed.
  'not_a_file',
  'outside_input',
  'unreadable',
  'bad_file_name',
  'changed_during_build',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** An input that did not become a document, and why. */
export interface Rejection {
  readonly source_file: string;
  readonly reason: RejectionReason;
  /** Human-readable: what was wrong and, where it helps, how to fix it. */
  readonly detail: string;
  /** For `duplicate`: the doc_id of the copy that was kept. */
  readonly kept_doc_id: string | null;
}
