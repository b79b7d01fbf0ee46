package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/tui"
)

// runTUI opens the terminal UI. Everything that can fail before the UI
// starts (no terminal, a bad playbook, a locked or damaged database) is
// reported on stderr with the terminal untouched.
//
// With drill flags (`playdrill drill` in a terminal) the UI opens straight
// on the session they ask for; a selection that cannot be drilled is
// refused before the screen changes.
func (a *app) runTUI(ctx context.Context, o *drillFlags) error {
	in, out, ok := a.terminal()
	if !ok {
		fmt.Fprintln(a.Stderr, "playdrill: the full-screen app needs a terminal on stdin and stdout.")
		fmt.Fprintln(a.Stderr, "For pipes, scripts and screen readers run: playdrill drill --plain")
		return silentExit(exitFailure)
	}
	day, err := a.day()
	if err != nil {
		return err
	}
	return a.withSharedProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
		reps, err := store.Reps()
		if err != nil {
			return err
		}
		cfg := tui.Config{
			Book:     book,
			Store:    store,
			Options:  drill.Options{Rep: a.repName(), Day: day},
			RepGiven: a.repGiven(),
			Reps:     reps,
			NoColor:  a.colorless(),
			Input:    in,
			Output:   out,
			Push:     a.sessionPush(store, book),
			// The settings' session size; --session beats it below.
			SessionSize: a.set.SessionSize,
		}
		if o != nil {
			sel := o.selection()
			cfg.Options = o.options(a.repName())
			if o.sessionGiven || cfg.SessionSize == 0 {
				cfg.SessionSize = o.session
			}
			cfg.Start = &sel
			if _, err := drill.New(book, store, cfg.Options).Queue(sel); err != nil {
				return selectionError(book, err, *o)
			}
		}
		if src := a.playbookSource(); src != "" {
			cfg.WatchPath = src
			cfg.Reload = func() (*playbook.Playbook, []string, error) { return reloadPlaybook(src) }
		}
		if err := tui.Run(ctx, cfg); err != nil {
			// A signal ended the session, not the rep: the terminal is
			// restored and every answered card saved, but it is no success.
			var stopped *tui.SignalError
			if errors.As(err, &stopped) {
				return silentExit(exitFailure)
			}
			return fmt.Errorf("terminal UI: %w", err)
		}
		return nil
	})
}

// terminal returns stdin and stdout when both are terminals.
func (a *app) terminal() (*os.File, *os.File, bool) {
	if !isTerminal(a.Stdin) || !isTerminal(a.Stdout) {
		return nil, nil, false
	}
	return a.Stdin.(*os.File), a.Stdout.(*os.File), true
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
