package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playdrill/playdrill/internal/playbook"
)

// slug makes an id from a title: lower-case letters and digits, every other
// run of characters one hyphen.
func slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, most titles: the same rules without decoding.
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				continue
			default:
				dash = true
				continue
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		// An apostrophe joins a word ("don't" -> "dont") rather than splitting it.
		if r == '’' {
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
	// The slug of q up to the end of its sixth word: a run of spaces
	// slugs as one hyphen, so there is no need to split and rejoin.
	words, in := 0, false
	for i, r := range q {
		space := unicode.IsSpace(r)
		if in && space {
			if words == questionWords {
				q = q[:i]
				break
			}
		}
		if !in && !space {
			words++
		}
		in = !space
	}
	return slug(q)
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

// setHashes gives every card its content hash: a digest of every content
// field, so that any edit changes it, in hex, 16 characters. The hex of all
// of them is made in one string: one allocation instead of one per card.
func setHashes(cards []*playbook.Card) {
	const n = 2 * 8
	buf := make([]byte, n*len(cards))
	for i, c := range cards {
		sum := contentSum(c)
		hex.Encode(buf[i*n:], sum[:])
	}
	all := string(buf)
	for i, c := range cards {
		c.Hash = all[i*n : (i+1)*n]
	}
}

// contentSum is the first 8 bytes of sha256 over a length-prefixed
// encoding of c's content. Ids, positions and the competitor (derived from
// the prompt) are not content.
func contentSum(c *playbook.Card) [8]byte {
	// Most cards encode in less than this, on the stack.
	var buf [512]byte
	b := buf[:0]
	b = field(b, "kind", string(c.Kind))
	b = field(b, "prompt", c.Prompt)
	b = field(b, "answer", c.Answer)
	b = count(b, "must", len(c.MustMention))
	for _, k := range c.MustMention {
		b = list(b, "point", k.Alternates)
	}
	b = list(b, "never", c.NeverSay)
	b = list(b, "options", c.Options)
	b = count(b, "correct", len(c.Correct))
	for _, i := range c.Correct {
		b = count(b, "i", i)
	}
	b = field(b, "why", c.Why)
	b = list(b, "items", c.Items)
	// Fields added since hashes were first pinned are encoded only when
	// set, so that cards without them keep their hashes.
	if c.Stem != "" {
		b = field(b, "stem", c.Stem)
	}
	sum := sha256.Sum256(b)
	return [8]byte(sum[:8])
}

// The encoding is self-delimiting (names, lengths, then bytes), so no two
// different cards encode alike.

func field(b []byte, name, v string) []byte {
	b = count(b, name, len(v))
	return append(b, v...)
}

func list(b []byte, name string, vs []string) []byte {
	b = count(b, name, len(vs))
	for _, v := range vs {
		b = field(b, "", v)
	}
	return b
}

func count(b []byte, name string, n int) []byte {
	b = append(b, name...)
	return binary.BigEndian.AppendUint64(b, uint64(n))
}

// squeezeBlankLines leaves at most one blank line in a row, as cutting
// marker lines out of an answer can leave two.
func squeezeBlankLines(s string) string {
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}
