package playbook

import "strings"

// TODO is the word that marks what a playbook's author has still to write:
// `playdrill draft` leaves one wherever it cannot guess.
const TODO = "TODO"

// IsTODO reports whether text is still a placeholder: it starts with TODO.
func IsTODO(text string) bool {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, TODO) {
		return false
	}
	rest := t[len(TODO):]
	return rest == "" || !isWordByte(rest[0])
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// Unwritten reports whether the card's model answer is still a TODO: a rep
// can answer it, but there is nothing yet to grade the answer against.
func (c *Card) Unwritten() bool { return IsTODO(c.Answer) }
