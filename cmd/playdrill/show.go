package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// Widths show accepts for --width, and the one it uses when stdout is not a
// terminal.
const (
	minShowWidth     = 20
	maxShowWidth     = 500
	defaultShowWidth = 80
)

func (a *app) showCmd() *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "show [STEP-ID]",
		Short: "Preview the playbook as reps will read it",
		Long: "show renders the whole playbook, or one step (or process), to the terminal as\n" +
			"reps will read it. Colour follows the terminal's background; with --no-color,\n" +
			"NO_COLOR or when the output is not a terminal it prints plain text.",
		Example: "  playdrill show\n  playdrill show qualify --width 72\n  playdrill show --playbook ./playbook | less",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("width") && (width < minShowWidth || width > maxShowWidth) {
				return usageErrorf("--width %d: must be between %d and %d", width, minShowWidth, maxShowWidth)
			}
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			tw, style := a.terminalLook()
			if width == 0 {
				width = tw
			}
			return a.show(id, width, style)
		},
	}
	cmd.Flags().IntVar(&width, "width", 0, fmt.Sprintf("wrap at N columns (%d-%d; default: the terminal's width)", minShowWidth, maxShowWidth))
	return cmd
}

// terminalLook says how wide stdout is and which style fits it: plain when
// colour is off or stdout is not a terminal, else dark or light after the
// terminal's background. Only a real terminal is ever queried.
func (a *app) terminalLook() (int, render.Style) {
	if !isTerminal(a.Stdout) {
		return defaultShowWidth, render.Plain
	}
	out := a.Stdout.(*os.File)
	width := defaultShowWidth
	if w, _, err := term.GetSize(out.Fd()); err == nil && w > 0 {
		width = min(max(w, minShowWidth), maxShowWidth)
	}
	if a.colorless() {
		return width, render.Plain
	}
	// Terminals that set COLORFGBG say their background without being
	// asked; asking one that never answers costs seconds.
	if dark, ok := colorFGBGDark(a.getenv("COLORFGBG")); ok {
		if dark {
			return width, render.Dark
		}
		return width, render.Light
	}
	// The background can only be asked for through a terminal on stdin;
	// without one, dark is the common case.
	in, ok := a.Stdin.(*os.File)
	if !ok || !isTerminal(in) {
		return width, render.Dark
	}
	if dark, ok := terminalBackground(in, out, backgroundWait); ok && !dark {
		return width, render.Light
	}
	return width, render.Dark
}

// colorFGBGDark reads COLORFGBG ("fg;bg" or "fg;default;bg", ANSI colour
// numbers) and reports whether the background is dark.
func colorFGBGDark(v string) (dark, ok bool) {
	if v == "" {
		return false, false
	}
	fields := strings.Split(v, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	// 7 (white) and 9-15 (bright colours) are light backgrounds.
	return bg < 7 || bg == 8, true
}

// show renders the playbook, or the step or process named id, to stdout.
func (a *app) show(id string, width int, style render.Style) error {
	book, drillable, err := a.loadShowablePlaybook()
	if err != nil {
		return err
	}
	var src string
	if id == "" && !drillable {
		// Parts of a page not yet in playbook shape (a step outside any
		// process, say) are in no process: show the files as written.
		src, err = a.rawSource(book)
	} else {
		src, err = showSource(book, id)
	}
	if err != nil {
		return err
	}
	out, err := render.New().Markdown(src, width, style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(a.Stdout, out)
	return err
}

// rawSource is the playbook's files as their author wrote them, less front
// matter. Only playbooks on disk can be undrillable.
func (a *app) rawSource(book *playbook.Playbook) (string, error) {
	path := a.playbookSource()
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	files := []string{path}
	if info.IsDir() {
		files = files[:0]
		for _, f := range book.Files {
			files = append(files, filepath.Join(path, f))
		}
	}
	var b strings.Builder
	for _, f := range files {
		src, err := markdown.ReadFile(f)
		if err != nil {
			return "", err
		}
		b.WriteString(withoutFrontMatter(string(src)))
		b.WriteString("\n\n")
	}
	return b.String(), nil
}

// withoutFrontMatter cuts a leading `---` block.
func withoutFrontMatter(src string) string {
	_, body := markdown.SplitFrontMatter([]byte(src))
	return string(body)
}

// showSource is the markdown show renders: the whole playbook when id is
// empty, else the step or process it names.
func showSource(book *playbook.Playbook, id string) (string, error) {
	if id == "" {
		var b strings.Builder
		if book.Title != "" {
			b.WriteString(book.Title)
			if book.Version != "" {
				fmt.Fprintf(&b, ", version %s", book.Version)
			}
			b.WriteString("\n\n")
		}
		for _, proc := range book.Processes {
			writeProcess(&b, proc)
		}
		return b.String(), nil
	}
	if step, ok := book.Step(id); ok {
		return stepSource(step), nil
	}
	for _, proc := range book.Processes {
		if proc.ID == id {
			var b strings.Builder
			writeProcess(&b, proc)
			return b.String(), nil
		}
	}
	return "", usageErrorf("%v", unknownIDError(book, id, true))
}

// writeProcess writes a process as markdown: its heading, intro and steps.
func writeProcess(b *strings.Builder, proc *playbook.Process) {
	// What the process's file says before its first heading comes first,
	// as it does in the file.
	if preface := strings.TrimSpace(proc.Preface); preface != "" {
		b.WriteString(preface)
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "# %s\n\n", proc.Title)
	if proc.Reference {
		b.WriteString("*Reference: topics to know and look up, in any order.*\n\n")
	}
	if intro := strings.TrimSpace(proc.Intro); intro != "" {
		b.WriteString(intro)
		b.WriteString("\n\n")
	}
	for _, s := range proc.Steps {
		b.WriteString(stepSource(s))
		b.WriteString("\n\n")
	}
}

// stepSource is a step's markdown with its id under the heading: the name
// 'drill --step' and 'show' take.
func stepSource(s *playbook.Step) string {
	head, rest, _ := strings.Cut(s.Body, "\n")
	return head + "\n\nStep id: `" + s.ID + "`\n" + rest
}

// unknownIDError says id names no step (nor process, with processes set)
// in the playbook: with the closest ids, so a typo is one glance from its
// fix, else with every id it could have been.
func unknownIDError(book *playbook.Playbook, id string, processes bool) error {
	var procs, steps []string
	for _, proc := range book.Processes {
		procs = append(procs, proc.ID)
		for _, s := range proc.Steps {
			steps = append(steps, s.ID)
		}
	}
	what, ids := "step", steps
	if processes {
		what, ids = "step or process", append(procs, steps...)
	}
	if near := drill.Near(id, ids, 5); len(near) > 0 {
		return fmt.Errorf("no %s %q in the playbook; did you mean %s?", what, id, strings.Join(near, ", "))
	}
	list := "steps: " + strings.Join(steps, ", ")
	if processes {
		list = "processes: " + strings.Join(procs, ", ") + "; " + list
	}
	return fmt.Errorf("no %s %q in the playbook (%s)", what, id, list)
}
