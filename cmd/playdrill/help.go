package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help is laid out for the terminal it is read in: descriptions are wrapped
// at word boundaries to the width (COLUMNS, else the terminal's, else 80),
// so no line runs past the edge and no word is split by the terminal.
const (
	defaultHelpWidth = 80
	minHelpWidth     = 40
	maxHelpWidth     = 100
)

// helpWidth is the width help is wrapped to.
func (a *app) helpWidth() int {
	w := 0
	if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
		w = n
	} else if f, ok := a.Stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if tw, _, err := term.GetSize(f.Fd()); err == nil && tw > 0 {
			w = tw
		}
	}
	if w == 0 {
		w = defaultHelpWidth
	}
	return min(max(w, minHelpWidth), maxHelpWidth)
}

// installHelp gives every command playdrill's help and sets up the
// completion command's wording and its refusal of unknown shells.
func (a *app) installHelp(root *cobra.Command) {
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		a.writeHelp(c.OutOrStdout(), c, a.helpWidth())
	})
	root.SetUsageFunc(func(c *cobra.Command) error {
		a.writeHelp(c.OutOrStderr(), c, a.helpWidth())
		return nil
	})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = "Show the help of a command"
			c.Long = "help shows the help of COMMAND, or of playdrill when none is named."
			c.Use = "help [COMMAND]"
		case "completion":
			completionWording(c)
		}
	}
	placeholders(root)
}

// shells are the shells the completion command writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// completionWording replaces cobra's texts for the completion command with
// playdrill's own, short enough for 80 columns, and makes an unknown shell
// a usage error instead of a page of help and success.
func completionWording(c *cobra.Command) {
	c.Use = "completion SHELL"
	c.Short = "Write a shell's tab-completion script"
	c.Long = "completion writes the script that makes the shell complete playdrill's " +
		"commands, flags and step ids: SHELL is bash, zsh, fish or powershell. " +
		"Load it for this session with, for bash, 'source <(playdrill completion bash)'; " +
		"each shell's help says how to load it for every session."
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return usageErrorf("no completion for the shell %q: choose one of %s", args[0], strings.Join(shells, ", "))
	}
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		return usageErrorf("name a shell: playdrill completion %s", strings.Join(shells, "|"))
	}
	loads := map[string]string{
		"bash":       "source <(playdrill completion bash) in ~/.bashrc (needs the bash-completion package)",
		"zsh":        "playdrill completion zsh > \"${fpath[1]}/_playdrill\" (with compinit enabled in ~/.zshrc)",
		"fish":       "playdrill completion fish > ~/.config/fish/completions/playdrill.fish",
		"powershell": "playdrill completion powershell | Out-String | Invoke-Expression in your PowerShell profile",
	}
	for _, sh := range c.Commands() {
		load, ok := loads[sh.Name()]
		if !ok {
			continue
		}
		sh.Short = "Write the completion script for " + sh.Name()
		sh.Long = "completion " + sh.Name() + " writes the " + sh.Name() + " script that completes playdrill's " +
			"commands, flags and step ids. To load it in every new shell: " + load + "."
		if f := sh.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = "complete names only, without their descriptions"
		}
	}
}

// placeholderWords are the words a flag's usage may name its value by.
var placeholderWords = regexp.MustCompile(`\b(PATH|NAME|ID|N|FILE|URL|FORMAT|OUT|DIR|TIME|TEXT|CARD|SHELL|DURATION)\b`)

// placeholders marks, in each flag's usage, the word naming its value, so
// help shows "--rep NAME" rather than "--rep string".
func placeholders(c *cobra.Command) {
	mark := func(f *pflag.Flag) {
		if f.Value.Type() == "bool" || strings.Contains(f.Usage, "`") {
			return
		}
		if loc := placeholderWords.FindStringIndex(f.Usage); loc != nil {
			f.Usage = f.Usage[:loc[0]] + "`" + f.Usage[loc[0]:loc[1]] + "`" + f.Usage[loc[1]:]
		}
	}
	c.LocalFlags().VisitAll(mark)
	c.PersistentFlags().VisitAll(mark)
	for _, sub := range c.Commands() {
		placeholders(sub)
	}
}

// writeHelp writes c's help, wrapped to width.
func (a *app) writeHelp(w io.Writer, c *cobra.Command, width int) {
	var b strings.Builder
	if text := strings.TrimSpace(c.Long); text != "" {
		b.WriteString(wrapText(text, width, ""))
		b.WriteString("\n\n")
	} else if c.Short != "" {
		b.WriteString(wrapText(c.Short, width, ""))
		b.WriteString("\n\n")
	}
	b.WriteString("Usage:\n")
	for _, line := range usageLines(c) {
		b.WriteString(hangingWrap("  "+line, width, 4))
		b.WriteString("\n")
	}
	if cmds := listedCommands(c); len(cmds) > 0 {
		b.WriteString("\nCommands:\n")
		col := 0
		for _, sub := range cmds {
			col = max(col, len(sub.Name()))
		}
		indent := 2 + col + 3
		for _, sub := range cmds {
			line := fmt.Sprintf("  %-*s   %s", col, sub.Name(), sub.Short)
			b.WriteString(hangingWrap(line, width, indent))
			b.WriteString("\n")
		}
	}
	if c.Example != "" {
		b.WriteString("\nExamples:\n")
		b.WriteString(wrapText(c.Example, width, ""))
		b.WriteString("\n")
	}
	if fs := c.LocalFlags(); fs.HasAvailableFlags() {
		b.WriteString("\nFlags:\n")
		b.WriteString(fs.FlagUsagesWrapped(width))
	}
	if fs := c.InheritedFlags(); fs.HasAvailableFlags() {
		b.WriteString("\nGlobal flags:\n")
		b.WriteString(fs.FlagUsagesWrapped(width))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n")
		b.WriteString(wrapText(fmt.Sprintf("Run '%s COMMAND --help' for more about a command.", c.CommandPath()), width, ""))
		b.WriteString("\n")
	}
	_, _ = io.WriteString(w, b.String())
}

// usageLines are the command lines c accepts.
func usageLines(c *cobra.Command) []string {
	var lines []string
	if c.Runnable() {
		line := c.UseLine()
		if c.HasAvailableFlags() && !strings.Contains(line, "[flags]") {
			line += " [flags]"
		}
		lines = append(lines, strings.Replace(line, " [flags] [flags]", " [flags]", 1))
	}
	if c.HasAvailableSubCommands() && (len(lines) == 0 || !c.HasParent()) {
		lines = append(lines, c.CommandPath()+" COMMAND [flags]")
	}
	return lines
}

// listedCommands are c's subcommands shown in its help.
func listedCommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			out = append(out, sub)
		}
	}
	return out
}

// wrapText wraps text to width at word boundaries, paragraph by paragraph:
// lines within a paragraph are joined first, so text written for one width
// reflows for another. Lines that start with spaces are kept as they are
// (examples).
func wrapText(text string, width int, prefix string) string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, wordWrap(prefix+strings.Join(para, " "), width))
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			out = append(out, "")
		case strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t"):
			flush()
			out = append(out, strings.ReplaceAll(line, "\t", "    "))
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// hangingWrap wraps line to width, indenting the lines after the first by
// indent spaces. The first line keeps its spacing as written (the column a
// command's summary starts at): it is cut at the last space that fits.
func hangingWrap(line string, width, indent int) string {
	if ansi.StringWidth(line) <= width {
		return line
	}
	lead := len(line) - len(strings.TrimLeft(line, " "))
	if indent >= width-20 {
		indent = lead + 2
	}
	cut := strings.LastIndexByte(line[:min(width+1, len(line))], ' ')
	head := strings.TrimRight(line[:max(cut, 0)], " ")
	if cut <= lead || len(head) <= lead {
		// No space to cut at: let wordWrap give the long word a line.
		var rest string
		head, rest, _ = strings.Cut(wordWrap(line, width), "\n")
		line = head + " " + rest
		cut = len(head)
	}
	pad := strings.Repeat(" ", indent)
	tail := wordWrap(strings.Join(strings.Fields(line[cut:]), " "), width-indent)
	return head + "\n" + pad + strings.ReplaceAll(tail, "\n", "\n"+pad)
}

// wordWrap breaks s at spaces only (never inside a word, nor at a hyphen:
// "--step" stays whole) so lines are at most width wide; a word longer
// than width gets a line of its own. Leading spaces are kept.
func wordWrap(s string, width int) string {
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	var b strings.Builder
	b.WriteString(lead)
	col := len(lead)
	for i, word := range strings.Fields(s) {
		w := ansi.StringWidth(word)
		if i > 0 {
			if col+1+w > width {
				b.WriteString("\n")
				col = 0
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
}
