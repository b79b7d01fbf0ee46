package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	tests := []struct {
		name, in, want, plain string
	}{
		{"plain text", "Hello, world\n\tindented", "Hello, world\n\tindented", "Hello, world\n\tindented"},
		{"utf-8 text", "Café – naïve 日本 👍🏽", "Café – naïve 日本 👍🏽", "Café – naïve 日本 👍🏽"},
		{"sgr kept", "\x1b[1;38;5;228mBold\x1b[0m", "\x1b[1;38;5;228mBold\x1b[0m", "Bold"},
		{"sgr reset", "a\x1b[mb", "a\x1b[mb", "ab"},
		{"sgr colon params", "\x1b[38:2::255:0:0mx", "\x1b[38:2::255:0:0mx", "x"},
		{"sgr many params", "\x1b[" + strings.Repeat("1;", 100) + "1mx", "\x1b[" + strings.Repeat("1;", 100) + "1mx", "x"},
		{"osc 52 bel", "a\x1b]52;c;ZXZpbA==\x07b", "ab", "ab"},
		{"osc 52 st", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab", "ab"},
		{"osc 0 title", "a\x1b]0;pwned\x07b", "ab", "ab"},
		{"osc 8 link dropped", "\x1b]8;id=1;https://example.com\x1b\\site\x1b]8;;\x1b\\", "site", "site"},
		{"osc unterminated", "a\x1b]52;c;ZXZpbA==", "a", "a"},
		{"dcs", "a\x1bP1$qm\x1b\\b", "ab", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab", "ab"},
		{"pm", "a\x1b^secret\x1b\\b", "ab", "ab"},
		{"sos", "a\x1bXsecret\x1b\\b", "ab", "ab"},
		{"csi cursor up", "a\x1b[2Ab", "ab", "ab"},
		{"csi clear screen", "a\x1b[2J\x1b[Hb", "ab", "ab"},
		{"csi private mode", "a\x1b[?1049hb", "ab", "ab"},
		{"csi with intermediate ending m", "a\x1b[1 mb", "ab", "ab"},
		{"csi private ending m", "a\x1b[>4;2mb", "ab", "ab"},
		{"esc single", "a\x1bcb", "ab", "ab"},
		{"esc 7 save cursor", "a\x1b7b", "ab", "ab"},
		{"lone esc", "a\x1b", "a", "a"},
		{"bel", "a\x07b", "ab", "ab"},
		{"backspace and cr", "a\bb\rc", "abc", "abc"},
		{"del", "a\x7fb", "ab", "ab"},
		{"raw 8-bit csi", "a\x9b2Jb", "a2Jb", "a2Jb"},
		{"raw 8-bit osc", "a\x9d52;c;x\x07b", "a52;c;xb", "a52;c;xb"},
		{"u+009b", "a\u009b2Jb", "a2Jb", "a2Jb"},
		{"u+0085 next line", "a\u0085b", "ab", "ab"},
		{"bidi override", "a\u202eevil\u202cb", "aevilb", "aevilb"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc", "abc"},
		{"invalid utf-8", "a\xff\xfeb", "ab", "ab"},
		{"esc inside sgr params", "a\x1b[1\x1b[2Jb", "ab", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terminal(tt.in); got != tt.want {
				t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := StripTerminal(tt.in); got != tt.plain {
				t.Errorf("StripTerminal(%q) = %q, want %q", tt.in, got, tt.plain)
			}
		})
	}
}

// FuzzTerminal checks the filter's promise on
// arbitrary bytes: whatever goes in, what comes out is valid UTF-8 whose
// only escapes are SGR and whose only controls are tab and newline.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"\x1b[31mx\x1b[0m", "\x1b]52;c;x\x07", "\x9b2J", "\u202e", "\x1bP\x1b\\", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Terminal(in)
		checkOnlySGR(t, out)
		plain := StripTerminal(in)
		if strings.ContainsRune(plain, 0x1b) {
			t.Fatalf("StripTerminal(%q) = %q keeps an escape", in, plain)
		}
		checkOnlySGR(t, plain)
	})
}

func checkOnlySGR(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output %q is not valid UTF-8", out)
	}
	rest := out
	for rest != "" {
		i := strings.IndexByte(rest, 0x1b)
		text := rest
		if i >= 0 {
			text = rest[:i]
		}
		for _, r := range text {
			if forbiddenOnTerminal(r) {
				t.Fatalf("output %q carries forbidden rune %U", out, r)
			}
		}
		if i < 0 {
			return
		}
		j := strings.IndexByte(rest[i:], 'm')
		if j < 0 || !isSGRSequence(rest[i:i+j+1]) {
			t.Fatalf("output %q carries a non-SGR escape at %q", out, rest[i:])
		}
		rest = rest[i+j+1:]
	}
}
