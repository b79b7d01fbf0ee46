package markdown

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/safe"
)

// Front matter is read without expanding aliases: a few hundred bytes of
// nested anchors would otherwise expand to gigabytes.
func TestFrontMatterRefusesAnchorsAndAliases(t *testing.T) {
	bomb := "---\nplaybook: P\ncompetitors:\n  - &a [x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += "  - &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n"
		prev = n
	}
	bomb += "---\n" + head
	cases := map[string]struct {
		src  string
		line int
	}{
		"nested anchors": {bomb, 4},
		"one alias":      {"---\nplaybook: &t Title\nversion: *t\n---\n" + head, 2},
		"merge key":      {"---\nplaybook: P\n<<: {version: \"1\"}\n---\n" + head, 3},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			allocated := allocatedBy(func() {
				_, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(c.src)}}, "x.md")
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, d := range diags {
					if d.Severity == SevError && d.Message == msgFMAlias && d.Pos.Line == c.line {
						found = true
					}
				}
				if !found {
					t.Errorf("no alias error on line %d: %v", c.line, diagStrings(diags))
				}
			})
			if allocated > 16<<20 {
				t.Errorf("reading %d bytes of front matter allocated %d MB", len(c.src), allocated>>20)
			}
		})
	}
}

// Front matter text reaches titles, versions and competitor names, which
// are shown and exported: it is cleaned like the rest of the playbook, and
// the warning says so whether the control was raw or a YAML escape.
func TestFrontMatterTextIsCleaned(t *testing.T) {
	cases := map[string]struct {
		fm   string
		what string
	}{
		"YAML escapes": {"playbook: \"Sales\\e]0;owned\\a Book\"\nversion: \"1\\u009b31m\"\ncompetitors: [\"Acme\\u202e\"]\n", "written as a YAML escape"},
		"raw controls": {"playbook: Sales\x1b]52;c;aGk=\x07 Book\nversion: \"1\xc2\x9b31m\"\ncompetitors: [Acme\u202e]\n", "escape sequence (OSC 52)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			book, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte("---\n" + c.fm + "---\n" + head)}}, "x.md")
			if err != nil || HasErrors(diags) {
				t.Fatalf("%v %v", err, diagStrings(diags))
			}
			for _, s := range append([]string{book.Title, book.Version}, book.Competitors...) {
				if f := safe.Scan(s); len(f) > 0 {
					t.Errorf("%q keeps %s", s, f[0].What)
				}
			}
			if book.Title != "Sales Book" || book.Version != "1" || len(book.Competitors) != 1 || book.Competitors[0] != "Acme" {
				t.Errorf("got %q %q %q", book.Title, book.Version, book.Competitors)
			}
			lines := map[int]bool{}
			for _, d := range diags {
				if d.Severity == SevWarning && strings.HasSuffix(d.Message, ": it is removed from the text") {
					lines[d.Pos.Line] = true
					if d.Pos.Line == 2 && !strings.Contains(d.Message, c.what) {
						t.Errorf("line 2 warning %q does not say %q", d.Message, c.what)
					}
				}
			}
			for _, l := range []int{2, 3, 4} {
				if !lines[l] {
					t.Errorf("no warning on line %d: %v", l, diagStrings(diags))
				}
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct{ src, front, body string }{
		{"---\nplaybook: X\n---\n# P\n", "---\nplaybook: X\n---\n", "# P\n"},
		{"---\r\nplaybook: X\r\n---\r\n# P\r\n", "---\r\nplaybook: X\r\n---\r\n", "# P\r\n"},
		{"---\nplaybook: X\n...\nbody", "---\nplaybook: X\n...\n", "body"},
		{"# P\n---\n", "", "# P\n---\n"},
		{"---\nnever closed\n", "", "---\nnever closed\n"},
		{"", "", ""},
	} {
		front, body := SplitFrontMatter([]byte(tc.src))
		if string(front) != tc.front || string(body) != tc.body {
			t.Errorf("SplitFrontMatter(%q) = %q, %q; want %q, %q", tc.src, front, body, tc.front, tc.body)
		}
	}
}

func TestFrontMatterYAML(t *testing.T) {
	yaml, body, ok := FrontMatterYAML([]byte("---\r\ntitle: X\r\n---\r\n# P\r\n"))
	if !ok || string(yaml) != "title: X\r\n" || string(body) != "# P\r\n" {
		t.Fatalf("got %q, %q, %v", yaml, body, ok)
	}
	if _, body, ok := FrontMatterYAML([]byte("---\nnot closed\n")); ok || string(body) != "---\nnot closed\n" {
		t.Fatalf("an unclosed block: %q, %v", body, ok)
	}
}
