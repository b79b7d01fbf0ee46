package main

import (
	"context"
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/tui"
)

// runTUI opens the terminal UI. Everything that can fail before the UI
// starts (no terminal, a bad playbook, a locked or damaged database) is
// reported on stderr with the terminal untouched.
func (a *app) runTUI(ctx context.Context, _ *cobra.Command) error {
	in, out, ok := a.terminal()
	if !ok {
		fmt.Fprintln(a.Stderr, "playdrill: the full-screen app needs a terminal on stdin and stdout.")
		fmt.Fprintln(a.Stderr, "For pipes, scripts and screen readers run: playdrill drill --plain")
		return silentExit(exitFailure)
	}
	book, err := a.loadValidPlaybook()
	if err != nil {
		return err
	}
	store, err := a.openStore()
	if err != nil {
		return err
	}
	reps, err := store.Reps()
	if err != nil {
		store.Close()
		return err
	}
	cfg := tui.Config{
		Book:     book,
		Store:    store,
		Options:  drill.Options{Rep: a.repName()},
		RepGiven: a.repGiven(),
		Reps:     reps,
		NoColor:  a.colorless(),
		Input:    in,
		Output:   out,
	}
	if src := a.playbookSource(); src != "" {
		cfg.WatchPath = src
		cfg.Reload = func() (*playbook.Playbook, []string, error) { return reloadPlaybook(src) }
	}
	runErr := tui.Run(ctx, cfg)
	closeErr := store.Close()
	if runErr != nil {
		return fmt.Errorf("terminal UI: %w", runErr)
	}
	return closeErr
}

// terminal returns stdin and stdout when both are terminals.
func (a *app) terminal() (*os.File, *os.File, bool) {
	in, ok1 := a.Stdin.(*os.File)
	out, ok2 := a.Stdout.(*os.File)
	if !ok1 || !ok2 || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return nil, nil, false
	}
	return in, out, true
}

// reloadPlaybook loads the playbook at path again for the TUI, returning its
// errors as FILE:LINE:COL text.
func reloadPlaybook(path string) (*playbook.Playbook, []string, error) {
	book, diags, err := loadPath(path)
	if err != nil {
		return nil, nil, err
	}
	var problems []string
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			problems = append(problems, d.String())
		}
	}
	return book, problems, nil
}
