// Package tui is playdrill's full-screen terminal front end on the drill
// engine: home, learn, drill and progress screens.
package tui

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run runs the TUI until the rep quits, the context ends or the terminal
// goes away. The terminal is restored before Run returns.
func Run(ctx context.Context, cfg Config) error {
	return runModel(ctx, New(cfg), cfg)
}

func runModel(ctx context.Context, m *Model, cfg Config) error {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.NoColor {
		// Bubbles' own styles carry colour too; the Ascii profile strips
		// every colour while keeping bold and reverse.
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	p := tea.NewProgram(m, opts...)

	if cfg.WatchPath != "" && cfg.Reload != nil {
		stop, err := watch(cfg.WatchPath, p.Send)
		if err == nil {
			defer stop()
		}
		// Without a watcher the app still works; the rep restarts it to
		// see edits.
	}

	// Bubble Tea handles SIGINT and SIGTERM; a closed terminal window sends
	// SIGHUP, which would otherwise kill us with the terminal in raw mode.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	defer func() {
		signal.Stop(hup)
		close(done)
	}()
	go func() {
		defer func() { _ = recover() }()
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()

	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}
