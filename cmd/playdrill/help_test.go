package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// everyCommand lists the command lines of root and all its subcommands.
func everyCommand(c *cobra.Command, path []string) [][]string {
	out := [][]string{path}
	for _, sub := range c.Commands() {
		if sub.Hidden {
			continue
		}
		out = append(out, everyCommand(sub, append(append([]string{}, path...), sub.Name()))...)
	}
	return out
}

// sourceWords are the words c's help is made of: its descriptions, its
// subcommands' summaries and its flags' usages.
func sourceWords(c *cobra.Command) []string {
	texts := []string{c.Long, c.Short}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			texts = append(texts, sub.Short)
		}
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			_, usage := pflag.UnquoteUsage(f)
			texts = append(texts, usage)
		}
	})
	if c.Long != "" {
		texts[1] = "" // the summary is not shown when there is a description
	}
	return strings.Fields(strings.Join(texts, " "))
}

// Every --help at 80 columns (and at 60) fits the width and keeps every word
// whole: no line runs past the edge for the terminal to split mid-word.
func TestHelpFitsTheTerminal(t *testing.T) {
	root := (&app{}).rootCmd()
	cmds := everyCommand(root, nil)
	if len(cmds) < 12 {
		t.Fatalf("found only %d commands", len(cmds))
	}
	for _, width := range []string{"80", "60"} {
		for _, path := range cmds {
			args := append(append([]string{}, path...), "--help")
			out, stderr, code := run(t, "", args, "COLUMNS="+width)
			if code != 0 || stderr != "" {
				t.Fatalf("%v: exit %d, stderr %q", args, code, stderr)
			}
			if !strings.Contains(out, "Usage:") {
				t.Errorf("%v: no usage in %q", args, out)
			}
			limit := map[string]int{"80": 80, "60": 60}[width]
			for _, line := range strings.Split(out, "\n") {
				if ansi.StringWidth(line) > limit {
					t.Errorf("COLUMNS=%s %v: line of %d columns: %q", width, args, ansi.StringWidth(line), line)
				}
			}
			shown := map[string]bool{}
			for _, w := range strings.Fields(out) {
				shown[w] = true
			}
			cmd, _, err := root.Find(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range sourceWords(cmd) {
				if !shown[w] {
					t.Errorf("COLUMNS=%s %v: the word %q is split or missing", width, args, w)
				}
			}
		}
	}
}

func TestHelpListsCommandsAndPlaceholders(t *testing.T) {
	out, _, _ := run(t, "", []string{"--help"}, "COLUMNS=80")
	// Every summary starts in one column, wrapped or not.
	root := (&app{}).rootCmd()
	col := 0
	for _, c := range listedCommands(root) {
		col = max(col, len(c.Name()))
	}
	for _, c := range listedCommands(root) {
		row := "  " + c.Name() + strings.Repeat(" ", col-len(c.Name())+3) + strings.Fields(c.Short)[0] + " "
		if !strings.Contains(out, row) {
			t.Errorf("root help has no row %q:\n%s", row, out)
		}
	}
	for _, want := range []string{"  drill ", "  report ", "  completion ", "  man ", "--playbook PATH", "--rep NAME", "--db PATH"} {
		if !strings.Contains(out, want) {
			t.Errorf("root help lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, "", []string{"export", "--help"}, "COLUMNS=80")
	if !strings.Contains(out, "-o, --output FILE") {
		t.Errorf("export help lacks '-o, --output FILE':\n%s", out)
	}
	// Every flag that takes a value names it: no "--lrs string".
	for _, path := range everyCommand((&app{}).rootCmd(), nil) {
		help, _, _ := run(t, "", append(append([]string{}, path...), "--help"), "COLUMNS=80")
		if m := regexp.MustCompile(`--[a-z-]+ (string|int|duration|strings|stringArray)\b`).FindString(help); m != "" {
			t.Errorf("%v --help: %q does not say what the value is", path, m)
		}
	}
	out, _, _ = run(t, "", []string{"show", "--help"}, "COLUMNS=80")
	if !strings.Contains(out, "Examples:\n  playdrill show\n") {
		t.Errorf("show help lacks its examples:\n%s", out)
	}
}

// The command list is two columns at every width: each summary, and each
// line a long summary wraps onto, starts at the same column.
func TestHelpCommandListKeepsItsColumns(t *testing.T) {
	for _, width := range []string{"80", "60"} {
		out, _, _ := run(t, "", []string{"--help"}, "COLUMNS="+width)
		_, list, _ := strings.Cut(out, "Commands:\n")
		list, _, _ = strings.Cut(list, "\n\n")
		col := -1
		for _, line := range strings.Split(list, "\n") {
			name := strings.Fields(line)[0]
			at := len(line) - len(strings.TrimLeft(line, " "))
			if at == 2 { // a command's line: its summary starts after the name's spaces
				at = len(line) - len(strings.TrimLeft(line[2+len(name):], " "))
			}
			if col == -1 {
				col = at
			}
			if at != col {
				t.Errorf("COLUMNS=%s: %q starts its text at column %d, not %d", width, line, at, col)
			}
		}
	}
}

func TestMistypedCommandSuggestsTheNearest(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"drll", `unknown command "drll": did you mean drill?`},
		{"reprot", "did you mean report?"},
		{"shw", "did you mean show?"},
	} {
		_, stderr, code := run(t, "", []string{tc.typed})
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tc.typed, code, stderr, tc.want)
		}
	}
	_, stderr, _ := run(t, "", []string{"zzzzzz"})
	if strings.Contains(stderr, "did you mean") {
		t.Errorf("a word like no command got a suggestion: %q", stderr)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, stderr, code := run(t, "", []string{"completion", shell})
		if code != 0 || !strings.Contains(out, "playdrill") || stderr != "" {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), stderr)
		}
	}
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion"}} {
		out, stderr, code := run(t, "", args)
		if code != exitUsage || out != "" || !strings.Contains(stderr, "bash, zsh, fish") && !strings.Contains(stderr, "bash|zsh|fish") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want a usage error naming the shells", args, code, out, stderr)
		}
	}
}

func TestManPage(t *testing.T) {
	out, stderr, code := run(t, "", []string{"man"})
	if code != 0 || stderr != "" {
		t.Fatalf("man: exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(out, ".TH PLAYDRILL 1 ") {
		t.Errorf("man page does not start with its title: %.60q", out)
	}
	for _, bad := range []string{"--o", `\-\-o `, `\-\-o\fR`, "\n.PP\nrepetition"} {
		if strings.Contains(out, bad) {
			t.Errorf("man page contains %q", bad)
		}
	}
	for _, want := range []string{
		`\fB\-o\fR, \fB\-\-output\fR \fIFILE\fR`,
		// a description stays one paragraph: roff fills it to the reader's width
		"playdrill drills reps on the company's marketing and sales playbook with spaced repetition, grades typed answers against key points and records every attempt.",
		".SS drill\n", ".SS \"report", ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", "PLAYDRILL_DB",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "'") || line == "" {
			t.Errorf("man line %d is empty or starts with a quote: %q", i+1, line)
		}
	}
}

// The shell completes what the commands take from the playbook: step ids
// (with their titles), typed card ids for try, competitor names; a
// title's control characters never reach the shell.
func TestCompletionOfPlaybookIDs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "show", "qu"}, []string{"qualify\tQualify inquiries into sales-ready leads"}},
		{[]string{"__complete", "drill", "--step", "di"}, []string{"discovery\tUncover the problem in discovery", "differentiate\tShow how we are different"}},
		{[]string{"__complete", "drill", "--competitor", "T"}, []string{"Tallyvan"}},
		{[]string{"__complete", "try", "close/obj"}, []string{"close/obj-it-costs-more-than-we-budgeted\tIt costs more than we budgeted.", "close/obj-we-need-to-think-it-over\tWe need to think it over."}},
		{[]string{"__complete", "show", "qualify", ""}, nil},
	} {
		out, _, code := run(t, "", c.args)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || lines[len(lines)-1] != ":4" || strings.Join(lines[:len(lines)-1], "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%v: exit %d, got:\n%s\nwant:\n%s\n:4", c.args, code, out, strings.Join(c.want, "\n"))
		}
	}
	dir := writePlaybook(t, map[string]string{"pb.md": strings.Replace(cleanPlaybook, "## Meet", "## Meet \x1b]0;owned\a{#meet}", 1)})
	out, _, _ := run(t, "", []string{"--playbook", filepath.Join(dir, "pb.md"), "__complete", "show", "me"})
	if !strings.HasPrefix(out, "meet\tMeet") || strings.ContainsAny(out, "\x1b\a") {
		t.Errorf("completion of a title with an escape: %q", out)
	}
}
