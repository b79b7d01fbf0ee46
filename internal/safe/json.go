package safe

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// The output side for JSON. encoding/json escapes C0 controls but writes
// DEL, C1 controls (U+0080-U+009F, which VTE terminals, screen and mosh
// obey in UTF-8) and bidi controls (U+202E...) as they are, so a report or
// an export printed to a terminal, or read in an editor, could be driven or
// disguised by a rep's answer or a playbook's title. Here they are escaped
// as \uXXXX: the data is unchanged for any JSON reader, and inert on screen.

// jsonEscaped reports whether r is written as a \u escape in JSON output.
func jsonEscaped(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || bidi(r) || r == '\u2028' || r == '\u2029'
}

const hexDigits = "0123456789abcdef"

func appendEscape(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// JSON escapes DEL, C1 and bidi controls in encoded JSON. In valid JSON they
// can stand only inside strings, where the escape means the same character.
func JSON(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf && b[i] != 0x7f {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	start := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf && c != 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			out = append(out, b[start:i]...)
			out = appendEscape(out, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(out, b[start:]...)
}

// JSONEncoder is json.Encoder with JSON applied to what it writes.
type JSONEncoder struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewJSONEncoder returns an encoder writing to w.
func NewJSONEncoder(w io.Writer) *JSONEncoder {
	e := &JSONEncoder{w: w}
	e.enc = json.NewEncoder(&e.buf)
	return e
}

// SetIndent is json.Encoder's.
func (e *JSONEncoder) SetIndent(prefix, indent string) { e.enc.SetIndent(prefix, indent) }

// SetEscapeHTML is json.Encoder's.
func (e *JSONEncoder) SetEscapeHTML(on bool) { e.enc.SetEscapeHTML(on) }

// Encode writes v as JSON and a newline.
func (e *JSONEncoder) Encode(v any) error {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	_, err := e.w.Write(JSON(e.buf.Bytes()))
	return err
}

// Marshal is json.Marshal with JSON applied.
func Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return JSON(b), nil
}

// plainJSONByte marks the bytes a JSON string holds as they are: printable
// ASCII other than quote and backslash.
var plainJSONByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendJSONString appends s as a JSON string: what encoding/json writes
// with HTML escaping off (controls escaped, invalid UTF-8 replaced), with
// the characters JSON escapes escaped as well.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plainJSONByte[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf && c != 0x7f {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = appendEscape(b, rune(c))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if jsonEscaped(r) {
			b = append(b, s[start:i]...)
			b = appendEscape(b, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
