package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *app) manCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Write playdrill's manual page (roff, for man)",
		Long: "man writes playdrill's manual page in roff to standard output. " +
			"Read it with 'playdrill man | man -l -', or install it with " +
			"'playdrill man > ~/.local/share/man/man1/playdrill.1'.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeMan(cmd.OutOrStdout(), cmd.Root())
		},
	}
}

// writeMan writes the manual page of root and its commands, each described
// by its own help text, so the page and --help never disagree.
func writeMan(w io.Writer, root *cobra.Command) error {
	var m roff
	m.macro("TH", "PLAYDRILL", "1", "", "playdrill "+versionString(), "playdrill manual")
	m.macro("SH", "NAME")
	m.raw(`playdrill \- ` + escape(strings.ToLower(root.Short[:1])+root.Short[1:]))
	m.macro("SH", "SYNOPSIS")
	m.raw(`\fBplaydrill\fR [\fICOMMAND\fR] [\fIFLAGS\fR]`)
	m.macro("SH", "DESCRIPTION")
	m.paragraphs(root.Long)
	m.macro("SH", "COMMANDS")
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.Name() == "help" {
			continue
		}
		m.macro("SS", strings.TrimSuffix(strings.TrimPrefix(c.UseLine(), "playdrill "), " [flags]"))
		m.paragraphs(cmp(c.Long, c.Short))
		if fs := c.LocalFlags(); fs.HasAvailableFlags() {
			m.macro("RS", "4")
			m.flags(fs)
			m.macro("RE")
		}
	}
	m.macro("SH", "GLOBAL FLAGS")
	m.flags(root.PersistentFlags())
	m.macro("TP")
	m.raw(`\fB\-h\fR, \fB\-\-help\fR`)
	m.text("show the help of playdrill or of a command")
	m.macro("TP")
	m.raw(`\fB\-v\fR, \fB\-\-version\fR`)
	m.text("print playdrill's version")
	m.macro("SH", "ENVIRONMENT")
	for _, env := range [][2]string{
		{"PLAYDRILL_PLAYBOOK", "the playbook, as --playbook"},
		{"PLAYDRILL_DB", "the progress database, as --db"},
		{"PLAYDRILL_REP", "the rep's name, as --rep"},
		{"NO_COLOR", "when set, no colour, as --no-color"},
		{"XDG_DATA_HOME", "where the progress database lives by default (playdrill/progress.db under it)"},
	} {
		m.macro("TP")
		m.raw(`\fB` + escape(env[0]) + `\fR`)
		m.text(env[1])
	}
	m.macro("SH", "EXIT STATUS")
	for _, code := range [][2]string{
		{"0", "success"},
		{"1", "a failure, or problems found (lint, doctor)"},
		{"2", "a usage error: an unknown command or flag, or a bad flag value"},
	} {
		m.macro("TP")
		m.raw(`\fB` + code[0] + `\fR`)
		m.text(code[1])
	}
	_, err := io.WriteString(w, m.String())
	return err
}

func cmp(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// roff builds a manual page in the man macro package.
type roff struct{ strings.Builder }

// macro writes a request line; arguments with spaces are quoted.
func (m *roff) macro(name string, args ...string) {
	m.WriteString("." + name)
	for _, a := range args {
		a = escape(a)
		if a == "" || strings.ContainsAny(a, " \t") {
			a = `"` + strings.ReplaceAll(a, `"`, `\(dq`) + `"`
		}
		m.WriteString(" " + a)
	}
	m.WriteString("\n")
}

// raw writes a line already in roff.
func (m *roff) raw(line string) { m.WriteString(line + "\n") }

// text writes a line of text, escaped.
func (m *roff) text(s string) { m.raw(escape(s)) }

// paragraphs writes help text: lines of a paragraph are joined into one
// line (roff fills them), blank lines start a new paragraph, and indented
// lines are kept as they are.
func (m *roff) paragraphs(text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			m.macro("PP")
		}
		var joined []string
		for _, line := range strings.Split(para, "\n") {
			if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				if len(joined) > 0 {
					m.text(strings.Join(joined, " "))
					joined = nil
				}
				m.macro("nf")
				m.text(strings.TrimSpace(line))
				m.macro("fi")
				continue
			}
			joined = append(joined, strings.TrimSpace(line))
		}
		if len(joined) > 0 {
			m.text(strings.Join(joined, " "))
		}
	}
}

// flags writes a tagged paragraph per flag: its names, its value's name,
// its usage and default.
func (m *roff) flags(fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		tag := `\fB\-\-` + escape(f.Name) + `\fR`
		if f.Shorthand != "" {
			tag = `\fB\-` + escape(f.Shorthand) + `\fR, ` + tag
		}
		if name != "" {
			tag += ` \fI` + escape(name) + `\fR`
		}
		m.macro("TP")
		m.raw(tag)
		if def := f.DefValue; def != "" && def != "false" && def != "0" && def != "[]" {
			usage += fmt.Sprintf(" (default %s)", def)
		}
		m.text(usage)
	})
}

// escape makes s safe as roff text: backslashes and hyphens are escaped and
// a leading dot or quote cannot be read as a request.
func escape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
