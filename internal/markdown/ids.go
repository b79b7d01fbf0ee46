package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strings"
	"unicode"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// slug makes an id from a title: lower-case letters and digits, every other
// run of characters one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		// An apostrophe joins a word ("don't" -> "dont") rather than splitting it.
		if r == '\'' || r == '’' {
			continue
		}
		dash = true
	}
	return b.String()
}

// questionWords is how many words of a question make its card id: enough to
// tell questions apart, few enough that rewording the end keeps the id.
const questionWords = 6

// questionSlug is the slug of the first words of a question.
func questionSlug(q string) string {
	words := strings.Fields(q)
	if len(words) > questionWords {
		words = words[:questionWords]
	}
	return slug(strings.Join(words, " "))
}

// validID reports whether an explicit id is usable: letters, digits, '-',
// '_' and '.'; no slash, which separates a card id from its step.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// contentHash is a digest of every content field of c, so that any edit
// changes it: sha256 over a length-prefixed encoding, hex, 16 characters.
// Ids, positions and the competitor (derived from the prompt) are not content.
func contentHash(c *playbook.Card) string {
	h := sha256.New()
	field(h, "kind", string(c.Kind))
	field(h, "prompt", c.Prompt)
	field(h, "answer", c.Answer)
	count(h, "must", len(c.MustMention))
	for _, k := range c.MustMention {
		list(h, "point", k.Alternates)
	}
	list(h, "never", c.NeverSay)
	list(h, "options", c.Options)
	count(h, "correct", len(c.Correct))
	for _, i := range c.Correct {
		count(h, "i", i)
	}
	field(h, "why", c.Why)
	list(h, "items", c.Items)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func field(h hash.Hash, name, v string) {
	count(h, name, len(v))
	h.Write([]byte(v))
}

func list(h hash.Hash, name string, vs []string) {
	count(h, name, len(vs))
	for _, v := range vs {
		field(h, "", v)
	}
}

func count(h hash.Hash, name string, n int) {
	h.Write([]byte(name))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}

// plain cleans text taken from the markdown source for a plain-text field.
// Markdown (not just Text) is used because such text may still be rendered
// as markdown somewhere, where a character reference would decode.
func plain(s string) string { return safe.Markdown(s) }

// squeezeBlankLines leaves at most one blank line in a row, as cutting
// marker lines out of an answer can leave two.
func squeezeBlankLines(s string) string {
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}
