package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// attack is a hostile string, raw and spelled with character references,
// with what must survive of it.
type attack struct {
	name string
	raw  string // raw bytes
	ref  string // the same spelled with character references
	want string // Text(raw) and Markdown(ref)
	what string // Scan's description of the first finding (raw)
}

var attacks = []attack{
	{"OSC 52 clipboard write", "a\x1b]52;c;ZXZpbA==\x07b", "a&#x1b;]52;c;ZXZpbA==&#7;b", "ab", "escape sequence (OSC 52)"},
	{"OSC 52 ended by ST", "a\x1b]52;c;ZXZpbA==\x1b\\b", "a&#27;]52;c;ZXZpbA==&#x1B;\\b", "ab", "escape sequence (OSC 52)"},
	{"OSC 0 window title", "a\x1b]0;pwned\x07b", "a&#x1b;]0;pwned&#x07;b", "ab", "escape sequence (OSC 0)"},
	{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "a&#x1b;Pq#0;2;0;0;0&#x1b;\\b", "ab", "escape sequence (DCS)"},
	{"APC", "a\x1b_Gf=100;AAAA\x1b\\b", "a&#x1b;_Gf=100;AAAA&#x1b;\\b", "ab", "escape sequence (APC)"},
	{"PM", "a\x1b^secret\x1b\\b", "a&#x1b;^secret&#x1b;\\b", "ab", "escape sequence (PM)"},
	{"CSI cursor up", "a\x1b[2Ab", "a&#x1b;[2Ab", "ab", "escape sequence (CSI)"},
	{"CSI cursor position", "a\x1b[10;20Hb", "a&#x1b;[10;20Hb", "ab", "escape sequence (CSI)"},
	{"CSI clear screen", "a\x1b[2Jb", "a&#x1B;[2Jb", "ab", "escape sequence (CSI)"},
	{"BEL", "a\x07b", "a&#7;b", "ab", "control character U+0007 (BEL)"},
	{"raw byte 0x9B CSI", "a\x9b2Jb", "a&#155;2Jb", "ab", "escape sequence (CSI)"},
	{"U+009B CSI", "a\u009b2Jb", "a&#x9b;2Jb", "ab", "escape sequence (CSI)"},
	{"U+009D OSC", "a\u009d52;c;ZXZp\u009cb", "a&#x9d;52;c;ZXZp&#x9c;b", "ab", "escape sequence (OSC 52)"},
	{"bidi override RLO", "a\u202eevil\u202cb", "a&#x202e;evil&#x202C;b", "aevilb", "bidi control U+202E"},
	{"bidi isolate", "a\u2066x\u2069b", "a&#8294;x&#8297;b", "axb", "bidi control U+2066"},
	{"DEL", "a\x7fb", "a&#127;b", "ab", "control character U+007F (DEL)"},
	{"backspace", "a\x08b", "a&#8;b", "ab", "control character U+0008 (BS)"},
	{"C1 NEL", "a\u0085b", "a&#133;b", "ab", "C1 control character U+0085"},
	{"two-character escape", "a\x1bcb", "a&#x1b;cb", "ab", "escape sequence (ESC c)"},
	{"lone ESC at end", "ab\x1b", "ab&#x1b;", "ab", "escape character (ESC)"},
	{"unterminated OSC swallows the rest", "ab\x1b]52;c;ZXZpbA==", "ab&#x1b;]52;c;ZXZpbA==", "ab", "escape sequence (OSC 52)"},
	{"CR overwriting a line", "safe\rEVIL", "safe&#13;EVIL", "safeEVIL", "carriage return (U+000D)"},
}

func TestTextStripsRawAttacks(t *testing.T) {
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			if got := Text(a.raw); got != a.want {
				t.Errorf("Text(%q) = %q, want %q", a.raw, got, a.want)
			}
			if got := Markdown(a.raw); got != a.want {
				t.Errorf("Markdown(%q) = %q, want %q", a.raw, got, a.want)
			}
		})
	}
}

func TestMarkdownStripsReferenceAttacks(t *testing.T) {
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			if got := Markdown(a.ref); got != a.want {
				t.Errorf("Markdown(%q) = %q, want %q", a.ref, got, a.want)
			}
			// Text leaves references alone: plain text is never decoded.
			if got := Text(a.ref); got != a.ref {
				t.Errorf("Text(%q) = %q, want it unchanged", a.ref, got)
			}
		})
	}
}

func TestScanFindsEveryAttack(t *testing.T) {
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			raw := Scan(a.raw)
			if len(raw) == 0 {
				t.Fatalf("Scan(%q) found nothing", a.raw)
			}
			if raw[0].What != a.what {
				t.Errorf("Scan(%q)[0].What = %q, want %q", a.raw, raw[0].What, a.what)
			}
			if raw[0].Offset != 1 && !strings.HasPrefix(a.raw, "ab") && !strings.HasPrefix(a.raw, "safe") {
				t.Errorf("Scan(%q)[0].Offset = %d, want 1", a.raw, raw[0].Offset)
			}
			ref := Scan(a.ref)
			if len(ref) == 0 {
				t.Fatalf("Scan(%q) found nothing", a.ref)
			}
			if want := a.what + " spelled as a character reference"; ref[0].What != want {
				t.Errorf("Scan(%q)[0].What = %q, want %q", a.ref, ref[0].What, want)
			}
			if ref[0].Offset != raw[0].Offset {
				t.Errorf("Scan(%q)[0].Offset = %d, want %d", a.ref, ref[0].Offset, raw[0].Offset)
			}
		})
	}
}

func TestScanOffsets(t *testing.T) {
	got := Scan("ok\x07 then &#x1b;[2J and \u202e.")
	want := []Finding{
		{2, "control character U+0007 (BEL)"},
		{9, "escape sequence (CSI) spelled as a character reference"},
		{23, "bidi control U+202E"},
	}
	if len(got) != len(want) {
		t.Fatalf("Scan = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestKeeps(t *testing.T) {
	for _, s := range []string{
		"plain text",
		"tab\tand\nnewline",
		"Ünïcödé, 日本語, emoji 🎯",
		"right-to-left marks \u200f and \u200e stay",
		"references that are harmless: &amp; &lt; &#65; &#x263A; &nbsp; &#9; &#10;",
		"an ampersand & alone, &# and &#x; and &#12345678;",
		"[", "]52;", // brackets alone are text
	} {
		if got := Text(s); got != s {
			t.Errorf("Text(%q) = %q", s, got)
		}
		if got := Markdown(s); got != s {
			t.Errorf("Markdown(%q) = %q", s, got)
		}
		if f := Scan(s); f != nil {
			t.Errorf("Scan(%q) = %v, want nothing", s, f)
		}
	}
}

func TestCRLFLineEndingsAreNotReportedButRemoved(t *testing.T) {
	s := "one\r\ntwo\r\n"
	if f := Scan(s); f != nil {
		t.Errorf("Scan(CRLF text) = %v, want nothing", f)
	}
	if got := Text(s); got != "one\ntwo\n" {
		t.Errorf("Text = %q", got)
	}
}

func TestInvalidUTF8(t *testing.T) {
	// 0xFF is not a C1 control: it becomes U+FFFD. 0x85 is: it goes.
	if got := Text("a\xffb\x85c"); got != "a\uFFFDb"+"c" {
		t.Errorf("Text = %q", got)
	}
	if got := Text("a\xffb"); !utf8.ValidString(got) {
		t.Errorf("Text(%q) = %q is not valid UTF-8", "a\xffb", got)
	}
}

func TestEscapeInsideSequenceStartsANewOne(t *testing.T) {
	// An OSC cut short by another escape must not hide the second one.
	s := "a\x1b]0;x\x1b[2Jb"
	if got := Text(s); got != "ab" {
		t.Errorf("Text = %q, want %q", got, "ab")
	}
	if f := Scan(s); len(f) != 2 || f[1].What != "escape sequence (CSI)" {
		t.Errorf("Scan = %v", f)
	}
}

// TestNothingForbiddenSurvives runs every attack through Markdown mixed
// together and checks no forbidden rune or reference to one is left.
func TestNothingForbiddenSurvives(t *testing.T) {
	var all strings.Builder
	for _, a := range attacks {
		all.WriteString(a.raw + " " + a.ref + " ")
	}
	out := Markdown(all.String())
	for i, r := range out {
		if forbidden(r) {
			t.Errorf("forbidden %U at %d in %q", r, i, out)
		}
	}
	if f := Scan(out); f != nil {
		t.Errorf("Scan(Markdown(x)) = %v, want nothing", f)
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, a := range attacks {
		f.Add(a.raw)
		f.Add(a.ref)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Markdown(s)
		if fs := Scan(out); fs != nil {
			t.Fatalf("Scan(Markdown(%q)) = %v", s, fs)
		}
		if Text(out) != out {
			t.Fatalf("Text(Markdown(%q)) changed it again", s)
		}
	})
}
