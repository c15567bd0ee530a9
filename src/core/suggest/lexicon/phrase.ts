/**
 * A canonical phrase in XDM's words and the ways headers write it, all folded (lowercase, no
 * accents). A canonical starting with `!` names a concept XDM has no field for (`!invoice id`):
 * reading a header so keeps it off the fields its words resemble. A canonical starting with `=`
 * only rewrites its variants (`card address` -> billing address); its own words are read one by one.
 * A canonical starting with `~` qualifies an amount (`tax excluded`): it weighs little and names no field.
 */
export type PhraseList = readonly (readonly [canonical: string, variants: readonly string[]])[];
