package markdown

// What `playdrill draft` needs of the format's own rules, so that the
// drafts it writes are read as it meant them.

// MaxNesting is the deepest blockquotes and lists may nest in a playbook.
const MaxNesting = maxNesting

// Slug is the id the format makes from a title.
func Slug(title string) string { return slug(title) }

// QuestionSlug is the id the format makes from a question (its first words).
func QuestionSlug(q string) string { return questionSlug(q) }

// PrefixDepth counts the quote and list markers a line starts with ("> - 1. ").
func PrefixDepth(line []byte) int { return prefixDepth(line) }

// Limits a playbook must keep within, so a draft keeps within them too.
const (
	// MaxCards is the most cards one step may have.
	MaxCards = maxCards
	// MaxListItems is the most items one list may have.
	MaxListItems = maxListItems
	// MaxOptions is the most options a card may offer.
	MaxOptions = maxOptions
)

// DeepestEmphasis finds where emphasis (`*`, `_`) first nests deeper than
// a playbook allows in markdown src, or -1.
func DeepestEmphasis(src []byte) int {
	at, _ := deepestEmphasis(src)
	return at
}
