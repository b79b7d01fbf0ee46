// Package grade grades a rep's answer to a card: typed answers against the
// card's key points and never-say phrases, picks and orders exactly.
//
// # Typed answers (result, recall and differentiator cards)
//
// An answer is graded on what it says, not on how it is typed.
//
//   - Case, punctuation, accents and typographic forms are ignored:
//     "Sales-Ready", "sales ready" and "sales‑ready" are the same words, and
//     curly and straight apostrophes are the same ("isn’t", "isn't", "isnt").
//   - Hyphens and slashes split words, so "sales-ready" is hit by "sales
//     ready". A hyphenated point is also hit written as one word ("follow-up"
//     by "followup").
//   - Word endings are forgiven (English stemming): "pricing" makes "price",
//     "qualified" makes "qualify".
//   - Small typos are forgiven, more in longer words: none in words of up to
//     three letters, one in words of four to seven letters, two in longer
//     words. A typo must keep the word's first letter, and words with digits
//     must be exact ("2025" is not "2024").
//   - A key point may list alternates separated by "|"; any one of them hits
//     the point.
//   - A point of three or more words is also hit by its initials: "ideal
//     customer profile" by "ICP", "marketing qualified leads" by "MQLs".
//     Initials of a shorter point count when the thesaurus or the
//     playbook's glossary defines them ("EB: economic buyer").
//   - Synonyms count: a built-in thesaurus of the words sales answers use
//     (built from WordNet 3.0 senses that fit business text, plus curated
//     families such as contact / reach out / get in touch) and the
//     playbook's glossary. A one-word synonym must be spelt right; a
//     phrase ("reach out") stands for a word or phrase ("contact") of its
//     family. Irregular forms count as their word ("bought" is "buy").
//   - A point of several words keeps its order and roles: its words must
//     come in the point's order, in one clause, with only small words
//     between them (or a noun of up to two words where the point has a
//     pronoun: "why the owner responded" makes "why they responded").
//     Forms that mean the same are taken: "engagement rules" for "rules
//     of engagement", "planning of routes" for "route planning", "ready
//     for sales" for "sales-ready", "agreed results" for "results
//     agreed", "the lead was qualified" for "qualify the lead", "every job
//     gets billed" for "every job billed". So "they
//     responded why" does not make "why they responded". Small function
//     words in a point ("of", "the", "to") need not be repeated; question
//     words ("who", "what", "why") must. Only the first 16 words of an
//     alternate are looked for.
//   - A hyphenated point keeps its words together: "month-to-month" is
//     made by "month to month", never by "months".
//   - Whole words only: "list" is not found in "specialist", nor "lead" in
//     "leadership".
//   - White space of any kind is a space: a line break, a tab, several
//     spaces or a non-breaking space change no grade. Clauses end at signs
//     (".", ",", ";", ":", "?", "!", a dash, a bracket), not at line ends.
//   - A denied point is not hit. A denial reaches to the end of its clause
//     ("we don't ever check the rules of engagement"), over a list ("it
//     doesn't say how they buy or what went wrong", "it doesn't find the
//     problem, the cost, who decides or the timeline"), but not past a
//     word that starts another statement ("until", "but", "because", "and
//     we", or ", and" right after the denied clause when no list item
//     stands between them); a negative verb right after the point denies it too ("overtime
//     doesn't matter"). "not only", "not just" and "no doubt" are not
//     denials. A point that is itself a denial ("not leads") is hit only
//     when the answer denies it ("they aren't leads"), not by "leads, not
//     lists".
//   - A word salad is not a list of points: three or more points strung
//     together in one clause with words between them but nothing that
//     lists or links them ("the timeline solves the decision-maker's
//     problem") count as one; "problem, cost, who decides and when" and
//     "a decision-maker with a problem and a timeline" count in full.
//
// The score is the share of key points hit, less 0.25 for each never-say
// phrase said (never below 0). Never-say phrases are found as phrases:
// their words side by side, in order (with at most two intensifiers such
// as "way" or "really" between them), forgiving case, punctuation, hyphens,
// endings and synonyms ("way too expensive" says "overpriced") but not
// typos, since a false alarm ("fret" for "free") would cost the rep more
// than a missed misspelling. Saying one counts even in a
// denial ("we're not cheaper" still says "cheaper").
//
// A card without key points is graded against its model answer: every
// distinct content word of the model answer is a point, and saying three
// quarters of them earns full marks. A card with neither gives full marks
// for any answer that is not empty. An empty answer scores 0.
//
// Only the first 1000 words of an answer are graded (Options.MaxWords); a
// pasted essay neither slows grading down nor collects points by chance,
// and Result.Truncated tells the rep. Within those words the order rule
// keeps a wall of text from hitting points made of several words; a point
// of one word is hit wherever it appears, so a list of bare key words does
// earn those points. There is no penalty for length or rambling: the rep
// sees which words hit each point, and so does anyone reviewing attempts.
//
// # Choice, classify and order cards
//
// A choice card scores 1 when exactly the correct options are picked and 0
// otherwise; there is no partial credit, which would reward ticking every
// box. A classify card scores 1 for a single pick of the right category.
//
// An order card scores 1 for the right order. Otherwise it earns partial
// credit for its longest correct run: the longest stretch in which each
// item is directly followed by its true successor, divided by the number
// of items: for A B C D E, the answer A B D C E has the run A B, scoring
// 2/5 = 0.4, while C D E A B scores 3/5 = 0.6. A
// lone item is no run, so an order with no two neighbours right scores 0.
//
// # Suggested rating
//
// The grade suggests an FSRS rating, which the rep may override:
//
//   - Again when the score is under 0.5;
//   - Hard when it is under the pass mark (0.8 unless set otherwise), or
//     when a never-say phrase was said;
//   - Easy when a typed answer hit every key point and said no never-say
//     phrase;
//   - Good otherwise. Picking the right options suggests Good, not Easy:
//     recognising an answer is easier than recalling it.
package grade
