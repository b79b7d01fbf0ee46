package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/render"
)

const showFixture = "testdata/show/playbook.md"

// showWith runs the show use case on the playbook at path with a forced
// style, as a terminal would get it, and returns stdout, stderr and the error.
func showWith(t *testing.T, path, id string, width int, style render.Style) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		Env:          Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }},
		playbookPath: path,
	}
	err := a.show(id, width, style)
	return out.String(), errOut.String(), err
}

func TestShowStepPlainGolden(t *testing.T) {
	out, stderr, code := run(t, "", []string{"show", "first-meeting", "--width", "60", "--playbook", showFixture})
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	golden.RequireEqual(t, out)
}

func TestShowStepDarkGolden(t *testing.T) {
	out, stderr, err := showWith(t, showFixture, "qualify", 60, render.Dark)
	if err != nil {
		t.Fatalf("%v; stderr %q", err, stderr)
	}
	golden.RequireEqual(t, out)
}

func TestShowStepOnlyThatStep(t *testing.T) {
	out, _, code := run(t, "", []string{"show", "qualify", "--playbook", showFixture})
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Qualify the inquiry", "rules of engagement", "Asked for a proposal"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"Work the list", "First meeting", "{#qualify}"} {
		if strings.Contains(out, not) {
			t.Errorf("output of one step contains %q:\n%s", not, out)
		}
	}
}

func TestShowWholePlaybookInOrder(t *testing.T) {
	out, _, code := run(t, "", []string{"show", "--playbook", showFixture})
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	last := -1
	for _, want := range []string{"Show Fixture, version 1", "Marketing", "Marketing turns lists", "Work the list", "Qualify the inquiry", "Sales", "Sales closes", "First meeting", "How are you different from Acme?"} {
		i := strings.Index(out, want)
		if i < 0 {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
		if i < last {
			t.Errorf("%q is out of order", want)
		}
		last = i
	}
	if strings.Contains(out, "playbook: Show Fixture") {
		t.Errorf("front matter leaked into the output")
	}
}

func TestShowProcess(t *testing.T) {
	out, _, code := run(t, "", []string{"show", "sales", "--playbook", showFixture})
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "First meeting") || strings.Contains(out, "Work the list") {
		t.Errorf("show sales did not show just the sales process:\n%s", out)
	}
}

func TestShowShippedPlaybook(t *testing.T) {
	out, stderr, code := run(t, "", []string{"show", "--width", "100"})
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"Marketing process", "Sales process", "Rules of engagement", "Differentiators"} {
		if !strings.Contains(out, want) {
			t.Errorf("shipped playbook output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("output to a non-terminal carries escape sequences")
	}
	for line := range strings.SplitSeq(out, "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line wider than --width 100 (%d): %q", n, line)
		}
	}
}

func TestShowUnknownStep(t *testing.T) {
	tests := []struct {
		id   string
		want []string
	}{
		{"qualfy", []string{`"qualfy"`, "did you mean", "qualify"}},
		{"first", []string{"did you mean", "first-meeting"}},
		{"zzzzzzzzzzzz", []string{`no step or process "zzzzzzzzzzzz"`, "steps: ", "work-list", "qualify", "first-meeting", "processes: "}},
	}
	// An id that names nothing is a usage error, as drill --step's is.
	for _, tt := range tests {
		out, stderr, code := run(t, "", []string{"show", tt.id, "--playbook", showFixture})
		if code != exitUsage {
			t.Errorf("%s: exit %d, want %d", tt.id, code, exitUsage)
		}
		if out != "" {
			t.Errorf("%s: stdout %q, want nothing", tt.id, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q lacks %q", tt.id, stderr, w)
			}
		}
	}
}

// A flag value of the wrong type says what the flag wants, not the
// parser's internals.
func TestFlagValueErrorsSayWhatTheyWant(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "--width", "abc"}, `--width "abc": want a whole number`},
		{[]string{"drill", "--plain", "--new", "1.5"}, `--new "1.5": want a whole number`},
		{[]string{"drill", "--plain=maybe"}, `--plain "maybe": want true or false`},
	} {
		_, stderr, code := run(t, "", c.args)
		if code != exitUsage || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "strconv") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
}

// drill --step with a typo gets the same suggestion show gives.
func TestDrillUnknownStepSuggests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	_, stderr, code := run(t, "", []string{"drill", "--plain", "--step", "qualfy", "--db", db})
	if code != exitUsage || !strings.Contains(stderr, `--step: no step "qualfy" in the playbook; did you mean qualify?`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestShowBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"show", "--width", "0"},
		{"show", "--width", "-3"},
		{"show", "--width", "19"},
		{"show", "--width", "501"},
		{"show", "--width", "wide"},
		{"show", "--width"},
		{"show", "a", "b"},
	} {
		out, stderr, code := run(t, "", args)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if out != "" || !strings.Contains(stderr, "playdrill:") {
			t.Errorf("%v: stdout %q, stderr %q", args, out, stderr)
		}
		if strings.Contains(strings.Join(args, " "), "width") && !strings.Contains(stderr, "width") {
			t.Errorf("%v: stderr %q does not name the flag", args, stderr)
		}
	}
}

// A playbook that cannot be drilled yet (a manager's page mid-edit, or one
// written elsewhere) is still shown, with a note to run lint.
func TestShowPlaybookWithErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "broken.md")
	src := "# P {#p}\n\n## Step without a result {#s}\n\nJust prose.\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "", []string{"show", "--playbook", path})
	if code != exitOK {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitOK, stderr)
	}
	if !strings.Contains(out, "Step without a result") || !strings.Contains(out, "Just prose.") {
		t.Errorf("stdout %q lacks the step", out)
	}
	if !strings.Contains(stderr, "1 error ") || !strings.Contains(stderr, "lint") {
		t.Errorf("stderr %q does not say to run lint", stderr)
	}
}

// A sales page written elsewhere, not in playdrill's format, reads in show
// while lint says what to add.
func TestShowRealWorldPage(t *testing.T) {
	path := filepath.Join("..", "..", "internal", "markdown", "testdata", "realworld.md")
	out, stderr, code := run(t, "", []string{"show", "--playbook", path, "--width", "80"})
	if code != exitOK || len(strings.TrimSpace(out)) == 0 {
		t.Fatalf("exit %d, stdout %d bytes, stderr %q", code, len(out), stderr)
	}
	_, lintOut, lintCode := run(t, "", []string{"lint", path})
	if lintCode != exitFailure || !strings.Contains(lintOut+stderr, "lint") {
		t.Errorf("lint: exit %d", lintCode)
	}
}

// Errors that make rendering unsafe or slow still stop show.
func TestShowRefusesUnsafePlaybooks(t *testing.T) {
	deep := "# P\n\n## S\n\nResult: r\n\n" + strings.Repeat(">", 20) + " too deep\n"
	for name, src := range map[string]string{
		"deep.md":   deep,
		"stars.md":  "# P\n\n## S\n\nResult: r\n\n" + strings.Repeat("*", 100000) + "x" + strings.Repeat("*", 100000) + "\n",
		"binary.md": "# P\n\n## S\x00\n",
		"latin1.md": "# P\n\n## Caf\xe9\n\nResult: r\n",
	} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := run(t, "", []string{"show", "--playbook", path})
		if code != exitFailure || out != "" {
			t.Errorf("%s: exit %d, stdout %q: want 1 and nothing shown", name, code, out)
		}
		if !strings.Contains(stderr, name+":") {
			t.Errorf("%s: stderr %q does not name the problem", name, stderr)
		}
	}
}

func TestShowMissingPlaybook(t *testing.T) {
	_, stderr, code := run(t, "", []string{"show", "--playbook", filepath.Join(t.TempDir(), "nope.md")})
	if code != exitFailure || !strings.Contains(stderr, "nope.md") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestShowPlaybookFromEnv(t *testing.T) {
	out, _, code := run(t, "", []string{"show", "work-list"}, "PLAYDRILL_PLAYBOOK="+showFixture)
	if code != 0 || !strings.Contains(out, "Work the list") {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

func TestShowNonTerminalIsPlain(t *testing.T) {
	// A file is not a terminal: plain text at the default width.
	f, err := os.Create(filepath.Join(t.TempDir(), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := &app{Env: Env{Stdout: f, Stdin: strings.NewReader("")}}
	if w, style := a.terminalLook(); style != render.Plain || w != defaultShowWidth {
		t.Errorf("file stdout: width %d, style %s", w, style)
	}
	a = &app{Env: Env{Stdout: &bytes.Buffer{}}}
	if _, style := a.terminalLook(); style != render.Plain {
		t.Errorf("buffer stdout: style %s", style)
	}
}

func TestShowNoColorFlagAndEnv(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  []string
	}{
		{[]string{"show", "qualify", "--no-color"}, nil},
		{[]string{"show", "qualify"}, []string{"NO_COLOR=1"}},
	} {
		out, _, code := run(t, "", append(tc.args, "--playbook", showFixture), tc.env...)
		if code != 0 || strings.Contains(out, "\x1b") || !strings.Contains(out, "Qualify the inquiry") {
			t.Errorf("%v %v: exit %d, output %q", tc.args, tc.env, code, out)
		}
	}
}

// escapePayloads are sequences a hostile playbook could carry, each raw and
// spelled as HTML character references (which markdown decodes into live
// characters).
var escapePayloads = map[string]string{
	"osc52":       "\x1b]52;c;ZXZpbA==\x07",
	"osc52-st":    "\x1b]52;c;ZXZpbA==\x1b\\",
	"osc0":        "\x1b]0;owned\x07",
	"dcs":         "\x1bP1$qm\x1b\\",
	"apc":         "\x1b_Gf=100;QUFB\x1b\\",
	"cursor":      "\x1b[2A\x1b[10;10H\x1b[2J",
	"bel":         "\x07",
	"c1-csi-raw":  "\x9b2J",
	"c1-csi-u9b":  "\u009b2J",
	"bidi":        "\u202eevil\u202c\u2066x\u2069",
	"osc52-ent":   "&#x1b;]52;c;ZXZpbA==&#7;",
	"osc52-st-en": "&#27;]52;c;ZXZpbA==&#x1B;\\",
	"osc0-ent":    "&#x1b;]0;owned&#x07;",
	"dcs-ent":     "&#x1b;P1$qm&#x1b;\\",
	"apc-ent":     "&#x1b;_Gf=100;QUFB&#x1b;\\",
	"cursor-ent":  "&#x1b;[2A&#x1b;[10;10H&#27;[2J",
	"bel-ent":     "&#7;",
	"c1-csi-ent":  "&#155;2J",
	"c1-hex-ent":  "&#x9B;2J",
	"bidi-ent":    "&#x202E;evil&#8236;&#x2066;x&#x2069;",
}

// hostilePlaybook puts payload everywhere playbook text can go.
func hostilePlaybook(payload string) string {
	p := payload
	return "---\nplaybook: Hostile " + p + "\nversion: \"1\"\ncompetitors: [Acme]\n---\n\n" +
		"# Marketing " + p + " {#mkt}\n\nIntro " + p + " text.\n\n" +
		"## Step " + p + " one {#one}\n\nResult: Reach " + p + " it.\n\nMust mention: a thing\n\n" +
		"Done when:\n- done " + p + "\n\nProse " + p + " with *emphasis " + p + "* and `code " + p + "` and [link " + p + "](https://example.com/" + p + ").\n\n" +
		"> quote " + p + "\n\n```\nblock " + p + "\n```\n\n" +
		"### Drill\n\nQ: Question " + p + "?\n\nA: Answer " + p + ".\n\nMust mention: answer\n\nNever say: bad\n\n" +
		"Q: Pick " + p + "\n- [x] right " + p + "\n- [ ] wrong\n\n" +
		"### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n| bought " + p + " | list | no response " + p + " |\n| asked for a quote | lead | intent |\n\n" +
		"### Differentiators\n\n#### How are you different from Acme? " + p + "\n\nWe are fast " + p + ".\n\nMust mention: fast\n"
}

func TestShowStripsEscapes(t *testing.T) {
	dir := t.TempDir()
	for name, payload := range escapePayloads {
		path := filepath.Join(dir, name+".md")
		if err := os.WriteFile(path, []byte(hostilePlaybook(payload)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, style := range []render.Style{render.Dark, render.Light, render.Plain} {
			out, stderr, err := showWith(t, path, "", 80, style)
			if !utf8.ValidString(payload) {
				// A raw 0x9B byte is invalid UTF-8: lint calls it an error
				// and show refuses the playbook, printing nothing.
				if err == nil || out != "" || !strings.Contains(stderr, "UTF-8") {
					t.Errorf("%s/%s: err %v, stdout %.200q, stderr %.200q", name, style, err, out, stderr)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s/%s: %v; stderr %q", name, style, err, stderr)
			}
			// The text around the payloads must be there: an empty output
			// would pass every check below.
			for _, want := range []string{"Step", "one", "Reach", "Intro", "Question", "right", "quote", "block", "bought", "fast"} {
				if !strings.Contains(out, want) {
					t.Fatalf("%s/%s: output lacks %q:\n%s", name, style, want, out)
				}
			}
			if style == render.Plain && strings.ContainsRune(out, 0x1b) {
				t.Errorf("%s/plain: escape in plain output %q", name, out)
			}
			assertNoEscapes(t, name+"/"+string(style), out)
		}
	}
}

// A page not yet in playbook shape is shown as written: the same filter
// applies to it.
func TestShowStripsEscapesFromUndrillablePages(t *testing.T) {
	dir := t.TempDir()
	for name, payload := range escapePayloads {
		if !utf8.ValidString(payload) {
			continue // refused outright, as TestShowStripsEscapes checks
		}
		path := filepath.Join(dir, name+".md")
		page := "A page " + payload + " with no process.\n\n## Tips " + payload + "\n\nPlain advice " + payload + ".\n"
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, style := range []render.Style{render.Dark, render.Plain} {
			out, stderr, err := showWith(t, path, "", 80, style)
			if err != nil || !strings.Contains(out, "advice") || !strings.Contains(stderr, "lint") {
				t.Fatalf("%s/%s: err %v, stdout %.200q, stderr %.200q", name, style, err, out, stderr)
			}
			assertNoEscapes(t, name+"/raw/"+string(style), out)
		}
	}
}

// assertNoEscapes fails if out carries anything but SGR styling: no other
// escape sequence, control character (but tab and newline), C1 control or
// bidi control, and no sign of the payloads' contents.
func assertNoEscapes(t *testing.T, name, out string) {
	t.Helper()
	rest := out
	for {
		i := strings.IndexByte(rest, 0x1b)
		if i < 0 {
			break
		}
		j := i + 1
		if j < len(rest) && rest[j] == '[' {
			j++
			for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';' || rest[j] == ':') {
				j++
			}
			if j < len(rest) && rest[j] == 'm' {
				rest = rest[j+1:]
				continue
			}
		}
		t.Errorf("%s: non-SGR escape %q", name, rest[i:min(len(rest), i+12)])
		return
	}
	for _, r := range out {
		switch {
		case r == 0x1b, r == '\t', r == '\n':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			t.Errorf("%s: control character %U in output", name, r)
			return
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			t.Errorf("%s: bidi control %U in output", name, r)
			return
		}
	}
	for _, leak := range []string{"]52;", "]0;owned", "\x9b", "P1$q", "_Gf="} {
		if strings.Contains(out, leak) {
			t.Errorf("%s: output carries %q", name, leak)
		}
	}
}

func TestColorFGBGDark(t *testing.T) {
	tests := []struct {
		v        string
		dark, ok bool
	}{
		{"15;0", true, true},
		{"0;15", false, true},
		{"12;default;8", true, true},
		{"0;7", false, true},
		{"", false, false},
		{"15;default", false, false},
		{"15;99", false, false},
	}
	for _, tt := range tests {
		dark, ok := colorFGBGDark(tt.v)
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("colorFGBGDark(%q) = %v, %v; want %v, %v", tt.v, dark, ok, tt.dark, tt.ok)
		}
	}
}

// A playbook saved with CRLF line ends shows without its front matter,
// like the same playbook with LF ends.
func TestShowCRLFPlaybookHidesFrontMatter(t *testing.T) {
	crlf := strings.ReplaceAll(cleanPlaybook, "\n", "\r\n")
	dir := writePlaybook(t, map[string]string{"pb.md": crlf})
	out, stderr, code := run(t, "", []string{"show", "--playbook", dir, "--no-color"})
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "playbook: Test") || strings.Contains(out, "---") || !strings.Contains(out, "Meet") {
		t.Fatalf("show printed the front matter or lost the playbook:\n%s", out)
	}
}

// A handbook page's text before its first heading is shown, where the
// page has it: before its first process. Its website front matter is not.
func TestShowKeepsTextBeforeTheFirstHeading(t *testing.T) {
	out, stderr, code := run(t, "", []string{"show", "--playbook", "testdata/newkinds.md"})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	preface := strings.Index(out, "A page written for a website first")
	heading := strings.Index(out, "Selling")
	if preface < 0 || heading < preface || strings.Contains(out, "description:") {
		t.Errorf("show:\n%s", out)
	}
	// The FAQ is marked as reference, not steps to follow in order.
	if faq := strings.Index(out, "Customer FAQ"); faq < 0 || !strings.Contains(out[faq:], "Reference: topics to know and look up") {
		t.Errorf("the reference process is not said to be one:\n%s", out)
	}
}
