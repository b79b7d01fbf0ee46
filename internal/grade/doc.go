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
//   - A point of several words is hit when all its words appear, in any
//     order, close together: within the point's own length plus room for a
//     few words of the rep's own (at least four; as many as the point has
//     words when that is more). Small function words in a point ("of",
//     "the", "to") need not be repeated: "rules of engagement" is hit by
//     "engagement rules". Words scattered across the whole answer do not hit.
//     Each answer word counts for one word of the point only. A point is
//     meant to be a few words: only the first 16 words of an alternate are
//     looked for.
//   - Whole words only: "list" is not found in "specialist", nor "lead" in
//     "leadership".
//   - A denied point is not hit: "not sales-ready", "it isn't sales ready",
//     "never a list". A denial reaches three words ahead within its clause,
//     so "No, it is a list" still hits "list"; "not only", "not just" and
//     "no doubt" are not denials. A point that is itself a denial ("not leads") is hit only
//     when the answer denies it ("they aren't leads"), not by "leads, not
//     lists".
//
// The score is the share of key points hit, less 0.25 for each never-say
// phrase said (never below 0). Never-say phrases are found as phrases:
// their words side by side, in order, forgiving case, punctuation, hyphens
// and endings but not typos, since a false alarm ("fret" for "free") would
// cost the rep more than a missed misspelling. Saying one counts even in a
// denial ("we're not cheaper" still says "cheaper").
//
// A card without key points is graded against its model answer: every
// distinct content word of the model answer is a point, and saying three
// quarters of them earns full marks. A card with neither gives full marks
// for any answer that is not empty. An empty answer scores 0.
//
// Only the first 1000 words of an answer are graded (Options.MaxWords); a
// pasted essay neither slows grading down nor collects points by chance,
// and Result.Truncated tells the rep. Within those words the closeness rule
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
